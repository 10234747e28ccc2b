"""Demo content for engagement and "difference made": partners, topics, activities, stories.

Called by `manage.py load_demo_content` (settings.DEMO_CONTENT_LOADERS) after the pages and
enrolment loaders, with the two home pages. Safe to run again: partners, topics and pages
have fixed translation keys, activities fixed public codes, so a second run finds what the
first made and creates only what is missing. Nothing that exists is ever changed, so an
editor's work is never overwritten.

Everything is placed relative to the day it is loaded (the open activity is in this
quarter, the others before it), so the demo tells a consistent story whenever it is run.

In development only (settings.DEMO_ACCOUNTS_ENABLED), the fictional demo members are
invited to the activities, BEFORE the stories are published: publishing a story tells the
members who took part (impact.notify), which is the last step of the loop the demo shows.
"""

import datetime
import io
import random
import uuid

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

from enrolment.demo_members import demo_email
from enrolment.models import EngagementMethod, Member
from pages.models import Navigation

from .audit import audit
from .models import (
    EngagementActivity,
    Invitation,
    Partner,
    PartnerUpdate,
    Recommendation,
    StoryIndexPage,
    StoryPage,
    Topic,
)
from .models.activities import financial_year_of, quarter_of

DEMO_NAMESPACE = uuid.UUID("c3b1e1d4-6f0a-4d2e-8a7b-5e9c2f4d6a11")

Method = EngagementMethod.Code
Status = EngagementActivity.Status
State = Invitation.State
Update = PartnerUpdate.Status
EMAIL, PHONE, TEXT, POST = (
    Member.ContactMethod.EMAIL,
    Member.ContactMethod.PHONE,
    Member.ContactMethod.TEXT,
    Member.ContactMethod.POST,
)

# key: {language: (name, slug)}
PARTNERS = {
    "police": {
        "en": ("Dyfed-Powys Police", "dyfed-powys-police"),
        "cy": ("Heddlu Dyfed-Powys", "heddlu-dyfed-powys"),
        "website": "https://www.dyfed-powys.police.uk/",
    },
    "cps": {
        "en": ("Crown Prosecution Service", "crown-prosecution-service"),
        "cy": ("Gwasanaeth Erlyn y Goron", "gwasanaeth-erlyn-y-goron"),
        "website": "https://www.cps.gov.uk/",
    },
    "courts": {
        "en": ("HM Courts and Tribunals Service", "hm-courts-and-tribunals-service"),
        "cy": (
            "Gwasanaeth Llysoedd a Thribiwnlysoedd EF",
            "gwasanaeth-llysoedd-a-thribiwnlysoedd-ef",
        ),
        "website": "https://www.gov.uk/government/organisations/hm-courts-and-tribunals-service",
    },
    "probation": {
        "en": ("Probation Service", "probation-service"),
        "cy": ("Y Gwasanaeth Prawf", "y-gwasanaeth-prawf"),
        "website": "https://www.gov.uk/government/organisations/probation-service",
    },
    "witness": {
        "en": ("Victim and Witness Service", "victim-and-witness-service"),
        "cy": ("Gwasanaeth Dioddefwyr a Thystion", "gwasanaeth-dioddefwyr-a-thystion"),
        "website": "",
    },
    "council": {
        "en": ("Carmarthenshire County Council", "carmarthenshire-county-council"),
        "cy": ("Cyngor Sir Gâr", "cyngor-sir-gar"),
        "website": "https://www.carmarthenshire.gov.wales/",
    },
}

TOPICS = {
    "informed": {
        "en": ("Keeping victims informed", "keeping-victims-informed"),
        "cy": ("Rhoi gwybod i ddioddefwyr", "rhoi-gwybod-i-ddioddefwyr"),
    },
    "court": {
        "en": ("Going to court", "going-to-court"),
        "cy": ("Mynd i'r llys", "mynd-ir-llys"),
    },
    "domestic-abuse": {
        "en": ("Domestic abuse", "domestic-abuse"),
        "cy": ("Cam-drin domestig", "cam-drin-domestig"),
    },
    "rasso": {
        "en": ("Rape and serious sexual offences", "rape-and-serious-sexual-offences"),
        "cy": ("Trais a throseddau rhywiol difrifol", "trais-a-throseddau-rhywiol-difrifol"),
    },
    "asb": {
        "en": ("Anti-social behaviour", "anti-social-behaviour"),
        "cy": ("Ymddygiad gwrthgymdeithasol", "ymddygiad-gwrthgymdeithasol"),
    },
}

# Days are counted from the day the demo is loaded: negative is in the past.
# Invitations name demo members by their number (enrolment.demo_members), and are made
# only in development. A recommendation's updates are (day, status, what the partner said).
ACTIVITIES = [
    {
        "code": "demo-updates",
        "title": "Updates about your case",
        "partner": "police",
        "topic": "informed",
        "status": Status.REPORTED,
        "opens": -310,
        "closes": -280,
        "methods": [Method.ONLINE_SURVEY, Method.TELEPHONE],
        "channels": [EMAIL, PHONE],
        "description": (
            "Dyfed-Powys Police want to know how well they keep people up to date after a "
            "crime is reported: who told you what, when, and what would have helped. A short "
            "online survey, or a call with the engagement team if you prefer."
        ),
        "findings": (
            "Members often did not know who was dealing with their case. Long silences "
            "caused worry; a short update on time mattered more than a long one late. "
            "Welsh speakers had to ask for updates in Welsh."
        ),
        "recommendations": [
            (
                "Give everyone who reports a crime the name of the officer dealing with it "
                "and a date for their next update.",
                [
                    (-250, Update.ACCEPTED, "Agreed at the Victim and Witness Sub-Group."),
                    (-160, Update.DONE, "Now part of every crime report, by phone or letter."),
                ],
            ),
            (
                "When an update will be late, tell the person before the date, not after it.",
                [(-160, Update.IN_PROGRESS, "A reminder for officers is being tested.")],
            ),
            (
                "Give updates in Welsh to everyone who chose Welsh, without their asking.",
                [(-155, Update.DONE, "The language choice now shows on every case record.")],
            ),
        ],
        "invited": -315,
        "invitations": [(2, State.TOOK_PART), (4, State.TOOK_PART), (5, State.DECLINED)],
    },
    {
        "code": "demo-court",
        "title": "Your day in court",
        "partner": "courts",
        "topic": "court",
        "status": Status.REPORTED,
        "opens": -185,
        "closes": -165,
        "methods": [Method.ONLINE_GROUP, Method.FACE_TO_FACE_GROUP],
        "channels": [EMAIL, PHONE, POST],
        "description": (
            "HM Courts and Tribunals Service are asking people who have been to court as a "
            "witness what would make the day easier. Two small group discussions, one online "
            "and one in Carmarthen; travel costs are paid."
        ),
        "findings": (
            "Not knowing the building made a hard day harder. Some members waited near the "
            "family of the accused. Seeing the courtroom beforehand would have helped."
        ),
        "recommendations": [
            (
                "Send a short guide to the court building with the date of the hearing.",
                [(-70, Update.DONE, "The guide goes out with every witness letter.")],
            ),
            (
                "Let witnesses see a courtroom before the day, in person or in photographs.",
                [(-65, Update.ACCEPTED, "Working out how to offer it at every court.")],
            ),
            (
                "Give witnesses a waiting area apart from the defendant's family at every court.",
                [
                    (
                        -65,
                        Update.NOT_ADOPTED,
                        "Two buildings have no room for a second waiting area. Witnesses can "
                        "ask for a separate room nearby instead, and the guide explains how.",
                    )
                ],
            ),
        ],
        "invited": -190,
        "invitations": [
            (1, State.TOOK_PART),
            (4, State.TOOK_PART),
            (5, State.TOOK_PART),
            (2, State.NO_REPLY),
        ],
    },
    {
        "code": "demo-letters",
        "title": "Letters about charging decisions",
        "partner": "cps",
        "topic": "domestic-abuse",
        "status": Status.CLOSED,
        "opens": -90,
        "closes": -60,
        "methods": [Method.DOCUMENT_REVIEW, Method.TELEPHONE],
        "channels": [EMAIL, PHONE, POST],
        "description": (
            "The Crown Prosecution Service would like comments on the letter it sends when a "
            "charge is dropped or changed. We send you the letter (with made-up details) and "
            "call you to talk it through, at a time you choose."
        ),
        "findings": (
            "The decision is buried in the middle of the letter. Members learnt too late "
            "that they could ask for a review. The letter should say where to find support."
        ),
        "recommendations": [
            (
                "Put the decision and what it means first, in plain words.",
                [(-25, Update.IN_PROGRESS, "A new letter is being drafted with members' words.")],
            ),
            (
                "Say in the first lines how to ask for a review, and by when.",
                [(-25, Update.ACCEPTED, "")],
            ),
            ("Send the letter in Welsh to everyone who prefers Welsh.", []),
        ],
        "invited": -95,
        "invitations": [
            (1, State.TOOK_PART),
            (2, State.TOOK_PART),
            (4, State.TOOK_PART),
            (5, State.TOOK_PART),
            (11, State.TOOK_PART),
        ],
    },
    {
        "code": "demo-release",
        "title": "Hearing about a prison release",
        "partner": "probation",
        "topic": "informed",
        "status": Status.OPEN,
        "opens": -7,
        "closes": 35,
        "methods": [Method.ONLINE_SURVEY, Method.POSTAL_SURVEY],
        "channels": [EMAIL, POST],
        "description": (
            "The Probation Service would like to hear from people who have been told, or "
            "expected to be told, that someone was leaving prison. A survey online or on "
            "paper; anyone can also answer anonymously on the website."
        ),
        "findings": "",
        "recommendations": [],
        "public": {
            "public_title": "Hearing about a prison release",
            "public_title_cy": "Clywed am ryddhau rhywun o'r carchar",
            "public_question": (
                "When someone is due to leave prison, the victims of their crime can be "
                "told. What would make that news easier to receive and understand? Please "
                "tell us about the way you were told, not about the crime."
            ),
            "public_question_cy": (
                "Pan fydd rhywun ar fin gadael y carchar, gall dioddefwyr eu trosedd gael "
                "gwybod. Beth fyddai'n gwneud y newyddion hwnnw'n haws ei dderbyn a'i ddeall? "
                "Dywedwch wrthym am y ffordd y cawsoch chi wybod, nid am y drosedd."
            ),
        },
        "invited": -12,
        "invitations": [(3, State.ACCEPTED), (6, State.INVITED)],
    },
    {
        "code": "demo-asb",
        "title": "Reporting anti-social behaviour to the council",
        "partner": "council",
        "topic": "asb",
        "status": Status.PLANNED,
        "opens": 100,
        "closes": 130,
        "methods": [Method.ONLINE_SURVEY, Method.FACE_TO_FACE_SURVEY],
        "channels": [EMAIL, PHONE, TEXT, POST],
        "description": "",
        "findings": "",
        "recommendations": [],
        "invitations": [],
    },
]

STORY_INDEX = {
    "en": {
        "slug": "difference-made",
        "title": "The difference you made",
        "intro": (
            "You said, we did: what changed in services for victims because members of the "
            "network shared their views. The stories on this demonstration site are examples."
        ),
    },
    "cy": {
        "slug": "gwahaniaeth-a-wnaed",
        "title": "Y gwahaniaeth a wnaethoch chi",
        "intro": (
            "Dywedoch chi, gwnaethon ni: beth newidiodd yn y gwasanaethau i ddioddefwyr am "
            "fod aelodau'r rhwydwaith wedi rhannu eu barn. Enghreifftiau ar gyfer y safle "
            "arddangos yw'r straeon yma."
        ),
    },
}

STORIES = [
    {
        "key": "updates",
        "activity": "demo-updates",
        "partner": "police",
        "topic": "informed",
        "day": -150,
        "en": {
            "slug": "updates-when-promised",
            "title": "Updates when you were promised them",
            "intro": (
                "Members told Dyfed-Powys Police that waiting for news about a case was one "
                "of the hardest parts. Now everyone who reports a crime is told who is "
                "dealing with it and when they will hear next."
            ),
            "you_told_us": (
                "<p>Members who answered our survey, or talked to us by phone, said:</p>"
                "<ul>"
                "<li>they often did not know who was dealing with their case, or how to "
                "reach them</li>"
                "<li>long silences left them worrying that nothing was happening</li>"
                "<li>a short update on time meant more than a long one that came late</li>"
                "<li>Welsh speakers had to ask, sometimes more than once, to hear about "
                "their case in Welsh</li>"
                "</ul>"
            ),
            "what_changed": (
                "<p>Dyfed-Powys Police accepted our recommendations. Now:</p>"
                "<ul>"
                "<li>everyone who reports a crime is given the name of the officer dealing "
                "with it, and a date for their next update</li>"
                "<li>people who chose Welsh get their updates in Welsh without having to "
                "ask</li>"
                "</ul>"
                "<p>Officers are also testing a reminder, so that anyone whose update will "
                "be late hears before the date, not after it. We will tell you how it "
                "goes.</p>"
            ),
        },
        "cy": {
            "slug": "diweddariadau-ar-amser",
            "title": "Diweddariadau ar yr adeg a addawyd",
            "intro": (
                "Dywedodd aelodau wrth Heddlu Dyfed-Powys mai aros am newyddion am achos "
                "oedd un o'r pethau anoddaf. Nawr, mae pawb sy'n rhoi gwybod am drosedd yn "
                "cael gwybod pwy sy'n delio â hi a phryd y byddan nhw'n clywed nesaf."
            ),
            "you_told_us": (
                "<p>Dywedodd yr aelodau a atebodd ein harolwg, neu a siaradodd â ni dros y "
                "ffôn:</p>"
                "<ul>"
                "<li>yn aml, nad oedden nhw'n gwybod pwy oedd yn delio â'u hachos, na sut i "
                "gysylltu â nhw</li>"
                "<li>bod cyfnodau hir heb glywed dim yn gwneud iddyn nhw boeni nad oedd dim "
                "yn digwydd</li>"
                "<li>bod diweddariad byr ar amser yn golygu mwy nag un hir a ddaeth yn "
                "hwyr</li>"
                "<li>bod siaradwyr Cymraeg wedi gorfod gofyn, weithiau fwy nag unwaith, i "
                "glywed am eu hachos yn Gymraeg</li>"
                "</ul>"
            ),
            "what_changed": (
                "<p>Derbyniodd Heddlu Dyfed-Powys ein hargymhellion. Nawr:</p>"
                "<ul>"
                "<li>mae pawb sy'n rhoi gwybod am drosedd yn cael enw'r swyddog sy'n delio "
                "â hi, a dyddiad ar gyfer eu diweddariad nesaf</li>"
                "<li>mae pobl a ddewisodd y Gymraeg yn cael eu diweddariadau yn Gymraeg heb "
                "orfod gofyn</li>"
                "</ul>"
                "<p>Mae swyddogion hefyd yn profi nodyn atgoffa, fel bod unrhyw un y bydd ei "
                "ddiweddariad yn hwyr yn clywed cyn y dyddiad, nid ar ei ôl. Byddwn ni'n "
                "dweud wrthych chi sut mae'n mynd.</p>"
            ),
        },
    },
    {
        "key": "court",
        "activity": "demo-court",
        "partner": "courts",
        "topic": "court",
        "day": -60,
        "en": {
            "slug": "knowing-what-to-expect-at-court",
            "title": "Knowing what to expect at court",
            "intro": (
                "Members who had been witnesses told HM Courts and Tribunals Service what "
                "made the day in court harder. Witnesses now get a short guide to the "
                "building with the date of their hearing."
            ),
            "you_told_us": (
                "<p>In two small groups, one online and one in person, members said:</p>"
                "<ul>"
                "<li>not knowing the building made a stressful day worse: where to go in, "
                "where to wait, who to ask</li>"
                "<li>some had to wait near the family of the person accused</li>"
                "<li>seeing the courtroom before the day would have helped them feel "
                "ready</li>"
                "</ul>"
            ),
            "what_changed": (
                "<p>HM Courts and Tribunals Service now sends a short guide to the court "
                "building with the date of the hearing. It shows where to go in, where "
                "witnesses wait and who to ask for on the day.</p>"
                "<p>It has also agreed that witnesses can see a courtroom before the day, "
                "in person or in photographs, and is working out how to offer this at every "
                "court.</p>"
                "<p>Not every building has room for a second waiting area. Where there is "
                "none, witnesses can ask for a separate room nearby, and the guide explains "
                "how.</p>"
            ),
        },
        "cy": {
            "slug": "gwybod-beth-iw-ddisgwyl-yn-y-llys",
            "title": "Gwybod beth i'w ddisgwyl yn y llys",
            "intro": (
                "Dywedodd aelodau a fu'n dystion wrth Wasanaeth Llysoedd a Thribiwnlysoedd "
                "EF beth wnaeth y diwrnod yn y llys yn anoddach. Nawr, mae tystion yn cael "
                "canllaw byr i'r adeilad gyda dyddiad eu gwrandawiad."
            ),
            "you_told_us": (
                "<p>Mewn dau grŵp bach, un ar-lein ac un wyneb yn wyneb, dywedodd "
                "aelodau:</p>"
                "<ul>"
                "<li>bod peidio ag adnabod yr adeilad wedi gwneud diwrnod anodd yn waeth: "
                "ble i fynd i mewn, ble i aros, pwy i'w holi</li>"
                "<li>bod rhai wedi gorfod aros yn agos at deulu'r person a gyhuddwyd</li>"
                "<li>y byddai gweld ystafell y llys cyn y diwrnod wedi eu helpu i deimlo'n "
                "barod</li>"
                "</ul>"
            ),
            "what_changed": (
                "<p>Mae Gwasanaeth Llysoedd a Thribiwnlysoedd EF bellach yn anfon canllaw "
                "byr i adeilad y llys gyda dyddiad y gwrandawiad. Mae'n dangos ble i fynd i "
                "mewn, ble mae tystion yn aros a phwy i ofyn amdanyn nhw ar y diwrnod.</p>"
                "<p>Mae hefyd wedi cytuno y gall tystion weld ystafell llys cyn y diwrnod, "
                "wyneb yn wyneb neu mewn ffotograffau, ac mae'n gweithio allan sut i gynnig "
                "hyn ym mhob llys.</p>"
                "<p>Does dim lle i ail ardal aros ym mhob adeilad. Lle nad oes un, gall "
                "tystion ofyn am ystafell ar wahân gerllaw, ac mae'r canllaw yn esbonio "
                "sut.</p>"
            ),
        },
    },
    {
        "key": "letters",
        "activity": "demo-letters",
        "partner": "cps",
        "topic": "domestic-abuse",
        "day": -20,
        "en": {
            "slug": "letters-in-plain-words",
            "title": "Letters from prosecutors in plain words",
            "intro": (
                "Members affected by domestic abuse are helping the Crown Prosecution "
                "Service rewrite the letter it sends when a charge is dropped or changed."
            ),
            "you_told_us": (
                "<p>Members read the letter the Crown Prosecution Service sends when it "
                "drops or changes a charge, and talked it through with us by phone. They "
                "said:</p>"
                "<ul>"
                "<li>the decision was hidden in the middle of the letter, after paragraphs "
                "of legal wording</li>"
                "<li>they learnt too late that they could ask for the decision to be looked "
                "at again</li>"
                "<li>a letter like this should say where to find support</li>"
                "</ul>"
            ),
            "what_changed": (
                "<p>The Crown Prosecution Service is rewriting the letter with what members "
                "told us:</p>"
                "<ul>"
                "<li>the decision, and what it means, will come first, in plain words</li>"
                "<li>the first lines will say how to ask for the decision to be reviewed, "
                "and by when</li>"
                "<li>the letter will end with services that can help, including the "
                "24-hour Live Fear Free helpline</li>"
                "</ul>"
                "<p>We have also asked for the letter to be sent in Welsh to everyone who "
                "prefers Welsh, and we are waiting for the answer.</p>"
            ),
        },
        "cy": {
            "slug": "llythyrau-mewn-geiriau-clir",
            "title": "Llythyrau gan erlynwyr mewn geiriau clir",
            "intro": (
                "Mae aelodau y mae cam-drin domestig wedi effeithio arnyn nhw yn helpu "
                "Gwasanaeth Erlyn y Goron i ailysgrifennu'r llythyr y mae'n ei anfon pan "
                "fydd cyhuddiad yn cael ei ollwng neu ei newid."
            ),
            "you_told_us": (
                "<p>Darllenodd aelodau y llythyr y mae Gwasanaeth Erlyn y Goron yn ei anfon "
                "pan fydd yn gollwng neu'n newid cyhuddiad, a siaradon nhw amdano gyda ni "
                "dros y ffôn. Dywedon nhw:</p>"
                "<ul>"
                "<li>bod y penderfyniad wedi'i guddio yng nghanol y llythyr, ar ôl "
                "paragraffau o eiriad cyfreithiol</li>"
                "<li>eu bod wedi dysgu'n rhy hwyr y gallen nhw ofyn i rywun edrych eto ar y "
                "penderfyniad</li>"
                "<li>y dylai llythyr fel hwn ddweud ble i gael cymorth</li>"
                "</ul>"
            ),
            "what_changed": (
                "<p>Mae Gwasanaeth Erlyn y Goron yn ailysgrifennu'r llythyr gyda'r hyn a "
                "ddywedodd aelodau wrthym:</p>"
                "<ul>"
                "<li>bydd y penderfyniad, a'r hyn y mae'n ei olygu, yn dod gyntaf, mewn "
                "geiriau clir</li>"
                "<li>bydd y llinellau cyntaf yn dweud sut i ofyn am adolygu'r penderfyniad, "
                "ac erbyn pryd</li>"
                "<li>bydd y llythyr yn gorffen gyda gwasanaethau a all helpu, gan gynnwys "
                "llinell gymorth 24 awr Byw Heb Ofn</li>"
                "</ul>"
                "<p>Rydyn ni hefyd wedi gofyn i'r llythyr gael ei anfon yn Gymraeg at bawb "
                "y mae'n well ganddyn nhw'r Gymraeg, ac rydyn ni'n aros am ateb.</p>"
            ),
        },
    },
]


def demo_key(name):
    return uuid.uuid5(DEMO_NAMESPACE, name)


def load(*, homes, **kwargs):
    """Partners, topics, activities, (in development) invitations, then the stories."""
    locales = {language: home.locale for language, home in homes.items()}
    today = timezone.localdate()
    partners = load_list(Partner, PARTNERS, locales, "partner")
    topics = load_list(Topic, TOPICS, locales, "topic")
    activities = {
        spec["code"]: load_activity(spec, partners["en"], topics["en"], today)
        for spec in ACTIVITIES
    }
    if settings.DEMO_ACCOUNTS_ENABLED:
        for spec in ACTIVITIES:
            invite_demo_members(activities[spec["code"]], spec, today)
    indexes = load_story_index(homes)
    if indexes is not None:
        for spec in STORIES:
            load_story(spec, indexes, partners, topics, activities[spec["activity"]], today)


# --- partners and topics ----------------------------------------------------------------


def load_list(model, specs, locales, kind):
    """{language: {key: entry}}, creating the entries that are missing in each language.

    An entry an editor already made with the same slug is used as it is.
    """
    entries = {language: {} for language in locales}
    for order, (key, spec) in enumerate(specs.items()):
        english = find_entry(model, demo_key(f"{kind}:{key}"), locales["en"], spec["en"][1])
        if english is None:
            english = create_entry(model, demo_key(f"{kind}:{key}"), locales["en"], spec, order)
        entries["en"][key] = english
        welsh = find_entry(model, english.translation_key, locales["cy"], spec["cy"][1])
        if welsh is None:
            welsh = create_entry(model, english.translation_key, locales["cy"], spec, order)
        entries["cy"][key] = welsh
    return entries


def find_entry(model, translation_key, locale, slug):
    return (
        model.objects.filter(translation_key=translation_key, locale=locale).first()
        or model.objects.filter(slug=slug, locale=locale).first()
    )


def create_entry(model, translation_key, locale, spec, order):
    name, slug = spec[locale.language_code]
    entry = model(
        translation_key=translation_key, locale=locale, name=name, slug=slug, sort_order=order
    )
    if "website" in spec:
        entry.website = spec["website"]
    entry.full_clean()
    entry.save()
    return entry


# --- activities -------------------------------------------------------------------------


def on(today, days):
    return today + datetime.timedelta(days=days)


def moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def load_activity(spec, partners, topics, today):
    """The activity with this public code, created (with its outcomes) if missing."""
    activity = EngagementActivity.objects.filter(public_code=spec["code"]).first()
    if activity is not None:
        return activity
    opens, closes = on(today, spec["opens"]), on(today, spec["closes"])
    # The quarter it runs in: today's for an open one, else the nearest end of its dates.
    runs = min(max(today, opens), closes)
    activity = EngagementActivity(
        public_code=spec["code"],
        title=spec["title"],
        partner=partners[spec["partner"]],
        topic=topics[spec["topic"]],
        financial_year=financial_year_of(runs),
        quarter=quarter_of(runs),
        status=spec["status"],
        description=spec["description"],
        channels=spec["channels"],
        opens_on=opens,
        closes_on=closes,
        findings=spec["findings"],
        allow_anonymous="public" in spec,
        **spec.get("public", {}),
    )
    activity.full_clean()
    activity.save()
    activity.methods.set(EngagementMethod.objects.filter(code__in=spec["methods"]))
    for order, (text, updates) in enumerate(spec["recommendations"]):
        recommendation = Recommendation.objects.create(
            activity=activity, text=text, sort_order=order
        )
        for days, status, note in updates:
            update = PartnerUpdate(
                recommendation=recommendation,
                date=on(today, days),
                status=status,
                note=note,
                recorded_at=moment(on(today, days)),
            )
            update.full_clean()
            update.save()
    return activity


def invite_demo_members(activity, spec, today):
    """Development only: the demo members' invitations that are missing, by a safe channel."""
    if not spec["invitations"]:
        return
    invited_on = on(today, spec["invited"])
    answered_on = on(today, min(spec["closes"], 0))
    for number, state in spec["invitations"]:
        member = Member.objects.with_email(demo_email(number)).first()
        if member is None or member.status != Member.Status.ACTIVE:
            continue
        if activity.invitations.filter(member=member).exists():
            continue
        allowed = [channel for channel in member.safe_channels if channel in activity.channels]
        if not allowed:
            continue
        channel = member.preferred_contact if member.preferred_contact in allowed else allowed[0]
        Invitation.objects.create(
            activity=activity,
            member=member,
            channel=channel,
            state=state,
            invited_at=moment(invited_on),
            state_changed_at=moment(answered_on if state != State.INVITED else invited_on),
        )
        audit(member, "impact.invite", data={"activity": activity.pk, "channel": channel})
        if state != State.INVITED:
            audit(member, "impact.invitation_state", data={"activity": activity.pk, "state": state})


# --- the story index and the stories ----------------------------------------------------


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_story_index(homes):
    """{language: StoryIndexPage}, or None when an editor has made their own index."""
    key = demo_key("page:stories")
    indexes = {}
    for language in ("en", "cy"):
        home = homes[language]
        index = StoryIndexPage.objects.filter(translation_key=key, locale=home.locale).first()
        if index is None:
            if StoryIndexPage.objects.child_of(home).exists():
                return None  # an editor's own story index: theirs to look after
            index = publish(
                home,
                StoryIndexPage(locale=home.locale, translation_key=key, **STORY_INDEX[language]),
            )
            add_to_menu(index)
        indexes[language] = index
    return indexes


def add_to_menu(page):
    """Put a new index in its language's menu. Only when first created: a menu an editor
    has changed is theirs."""
    navigation = Navigation.objects.filter(locale=page.locale).first()
    if navigation is not None:
        navigation.primary_links.append(("link", {"page": page, "url": "", "title": ""}))
        navigation.save()


def load_story(spec, indexes, partners, topics, activity, today):
    """The story in each language, created and published if missing."""
    key = demo_key(f"story:{spec['key']}")
    for language, index in indexes.items():
        if StoryPage.objects.filter(translation_key=key, locale=index.locale).exists():
            continue
        publish(
            index,
            StoryPage(
                locale=index.locale,
                translation_key=key,
                story_date=on(today, spec["day"]),
                partner=partners[language][spec["partner"]],
                topic=topics[language][spec["topic"]],
                activity=activity,
                image=story_image(spec["key"]),
                **spec[language],
            ),
        )


# --- the stories' pictures --------------------------------------------------------------

# Soft sky and land colours for each story's picture.
PALETTES = {
    "updates": ((214, 226, 240), (246, 238, 226), (150, 178, 196)),
    "court": ((232, 226, 242), (244, 240, 232), (158, 150, 188)),
    "letters": ((222, 238, 232), (248, 242, 230), (140, 182, 166)),
}


def story_image(key):
    """The demo picture for a story, made the first time it is needed.

    The pictures are abstract (soft light over rolling hills: no people, no text, nothing
    that says anything), so they are marked as decoration: no description, an empty alt.
    Wagtail's images are not translated either, so a description would be English on the
    Welsh story.
    """
    Image = get_image_model()
    title = f"Demo story picture: {key}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ImageFile(draw_calm_picture(key), name=f"story-{key}.jpg"))
        image.save()
    return image


def draw_calm_picture(key, size=(1600, 900)):
    """A JPEG of a pale sky, a soft sun and layers of hills, the same every time for a key."""
    sky, glow, land = PALETTES.get(key, PALETTES["updates"])
    chance = random.Random(key)  # noqa: S311 - shapes, not secrets
    width, height = size
    picture = PillowImage.new("RGB", size, sky)
    draw = ImageDraw.Draw(picture)
    for y in range(height):  # the sky lightens towards the horizon
        share = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * share) for a, b in zip(sky, glow, strict=True)),
        )
    sun_x, sun_y, radius = chance.randint(300, 1300), chance.randint(150, 320), 110
    draw.ellipse(
        [sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(255, 250, 240)
    )
    picture = picture.filter(ImageFilter.GaussianBlur(40))
    draw = ImageDraw.Draw(picture)
    for layer in range(3):  # hills, darker towards the front
        base = height * (0.55 + 0.13 * layer)
        shade = tuple(round(c * (1 - 0.12 * layer)) for c in land)
        crests = [(x, base - chance.randint(0, 90)) for x in range(-200, width + 400, 400)]
        outline = [(0, height)]
        for (x1, y1), (_x2, y2) in zip(crests, crests[1:], strict=False):
            for step in range(0, 400, 20):  # a smooth curve between crests
                t = step / 400
                ease = 3 * t**2 - 2 * t**3
                outline.append((x1 + 400 * t, y1 + (y2 - y1) * ease))
        outline.append((width, height))
        draw.polygon(outline, fill=shade)
    picture = picture.filter(ImageFilter.GaussianBlur(2))
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=82, optimize=True)
    output.seek(0)
    return output
