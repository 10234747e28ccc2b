"""Demo content for the self-referral form: the page at /join/ and /cy/ymuno/.

Called by `manage.py load_demo_content` (settings.DEMO_CONTENT_LOADERS) after the pages
app's own content, so pages never imports enrolment. Safe to run again: the page has a
fixed translation key, so a second run finds it; a page that exists is never changed, and
a form page an editor made themselves is left alone.
"""

import uuid

from pages.models import Navigation

from .models import EnrolmentPage

DEMO_NAMESPACE = uuid.UUID("5a0f7c2e-8b1d-4c6a-9e3f-1d2b4c6e8a01")

_EMAIL = (
    '<a href="mailto:opcc.communication@dyfed-powys.police.uk">'
    "opcc.communication@dyfed-powys.police.uk</a>"
)
_PHONE = '<a href="tel:+441267226440">01267 226440</a>'
_TEL_999 = '<a href="tel:999">999</a>'
_TEL_101 = '<a href="tel:101">101</a>'

JOIN_PAGE = {
    "en": {
        "slug": "join",
        "title": "Join the network",
        "intro": (
            "Tell us a little about yourself and how we can reach you safely. "
            "It takes about ten minutes."
        ),
        "before_you_start": (
            "<p><b>Who can join</b></p>"
            "<p>You can join if:</p>"
            "<ul>"
            "<li>crime or anti-social behaviour has affected you</li>"
            "<li>a close relative of yours died as a direct result of a crime, or you "
            "speak for their family</li>"
            "<li>you supported someone close to you through services for victims</li>"
            "</ul>"
            "<p>Some people prefer the word “survivor” or “injured party” to “victim”. "
            "Tell us the word you prefer, and we will use it.</p>"
            "<p><b>What joining means</b></p>"
            "<ul>"
            "<li>About four times a year, we ask whether you would like to give your views "
            "on a topic. Taking part is always your choice.</li>"
            "<li>Membership lasts three years, and you can leave at any time.</li>"
            "<li>Only the engagement team can see your details.</li>"
            "</ul>"
        ),
        "thank_you_title": "Thank you for getting in touch",
        "thank_you_body": (
            "<p>Your form has reached us. You do not need to do anything else.</p>"
            "<p><b>What happens next</b></p>"
            "<ol>"
            "<li>Someone from the engagement team checks your details.</li>"
            "<li>We contact you within 10 working days, only in the ways you told us "
            "are safe.</li>"
            "<li>We then confirm your membership, which lasts three years.</li>"
            "</ol>"
            "<p>The office is open Monday to Friday, 9am to 5pm. To reach us, email "
            + _EMAIL
            + " or call "
            + _PHONE
            + ".</p>"
            "<p>We cannot take reports of crime. In an emergency, call "
            + _TEL_999
            + ". Otherwise, call "
            + _TEL_101
            + ".</p>"
        ),
    },
    "cy": {
        "slug": "ymuno",
        "title": "Ymuno â'r rhwydwaith",
        "intro": (
            "Dywedwch ychydig wrthym amdanoch chi a sut gallwn ni gysylltu â chi'n "
            "ddiogel. Mae'n cymryd tua deg munud."
        ),
        "before_you_start": (
            "<p><b>Pwy all ymuno</b></p>"
            "<p>Gallwch ymuno:</p>"
            "<ul>"
            "<li>os yw trosedd neu ymddygiad gwrthgymdeithasol wedi effeithio arnoch "
            "chi</li>"
            "<li>os bu farw perthynas agos i chi o ganlyniad uniongyrchol i drosedd, neu "
            "os ydych chi'n siarad ar ran eu teulu</li>"
            "<li>os gwnaethoch chi gefnogi rhywun agos atoch chi drwy wasanaethau i "
            "ddioddefwyr</li>"
            "</ul>"
            "<p>Mae'n well gan rai pobl y gair “goroeswr” neu “parti a anafwyd” yn lle "
            "“dioddefwr”. Dywedwch wrthym pa air sydd orau gennych chi, a byddwn ni'n ei "
            "ddefnyddio.</p>"
            "<p><b>Beth mae ymuno'n ei olygu</b></p>"
            "<ul>"
            "<li>Tua phedair gwaith y flwyddyn, rydyn ni'n gofyn a hoffech chi roi eich "
            "barn ar bwnc. Eich dewis chi yw cymryd rhan bob tro.</li>"
            "<li>Mae aelodaeth yn para tair blynedd, a gallwch adael ar unrhyw adeg.</li>"
            "<li>Dim ond y tîm ymgysylltu sy'n gallu gweld eich manylion.</li>"
            "</ul>"
        ),
        "thank_you_title": "Diolch am gysylltu â ni",
        "thank_you_body": (
            "<p>Mae eich ffurflen wedi ein cyrraedd. Does dim angen i chi wneud dim byd "
            "arall.</p>"
            "<p><b>Beth sy'n digwydd nesaf</b></p>"
            "<ol>"
            "<li>Bydd rhywun o'r tîm ymgysylltu yn gwirio eich manylion.</li>"
            "<li>Byddwn ni'n cysylltu â chi o fewn 10 diwrnod gwaith, dim ond yn y ffyrdd "
            "y dywedoch chi eu bod yn ddiogel.</li>"
            "<li>Yna byddwn ni'n cadarnhau eich aelodaeth, sy'n para tair blynedd.</li>"
            "</ol>"
            "<p>Mae'r swyddfa ar agor rhwng 9am a 5pm, o ddydd Llun i ddydd Gwener. I "
            "gysylltu â ni, anfonwch e-bost at " + _EMAIL + " neu ffoniwch " + _PHONE + ".</p>"
            "<p>Allwn ni ddim derbyn adroddiadau am droseddau. Mewn argyfwng, ffoniwch "
            + _TEL_999
            + ". Fel arall, ffoniwch "
            + _TEL_101
            + ".</p>"
        ),
    },
}


def demo_key(name):
    return uuid.uuid5(DEMO_NAMESPACE, name)


def _create(parent, locale, translation_key, text):
    page = EnrolmentPage(locale=locale, translation_key=translation_key, **text)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load(*, homes, **kwargs):
    """The form page under each home page ({"en": HomePage, "cy": HomePage})."""
    english_home, welsh_home = homes["en"], homes["cy"]
    key = demo_key("page:join")
    english = EnrolmentPage.objects.filter(translation_key=key, locale=english_home.locale).first()
    if english is None:
        if EnrolmentPage.objects.child_of(english_home).exists():
            return  # an editor's own form page: theirs to look after
        english = _create(english_home, english_home.locale, key, JOIN_PAGE["en"])
        _add_to_menu(english)
    if english.get_translation_or_none(welsh_home.locale) is None:
        if EnrolmentPage.objects.child_of(welsh_home).exists():
            return
        _add_to_menu(_create(welsh_home, welsh_home.locale, key, JOIN_PAGE["cy"]))


def _add_to_menu(page):
    """Put a new form page in its language's menu, so readers can find it.

    Only when the page is first created: a menu an editor has changed is theirs.
    """
    navigation = Navigation.objects.filter(locale=page.locale).first()
    if navigation is not None:
        navigation.primary_links.append(("link", {"page": page, "url": "", "title": ""}))
        navigation.save()
