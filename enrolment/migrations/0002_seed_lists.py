"""The lists the form cannot work without, in English and Welsh, and a first privacy notice.

Staff edit all of these in the admin afterwards; nothing here is fixed in code. Each
entry has a stable translation key so its English and Welsh rows belong together.
"""

import datetime
import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("0b5d0c52-66c1-4b55-9a8e-3c8f0e0f6a11")

AREAS = [
    ("Carmarthenshire", "Sir Gaerfyrddin"),
    ("Ceredigion", "Ceredigion"),
    ("Pembrokeshire", "Sir Benfro"),
    ("Powys", "Powys"),
    ("Outside the Dyfed-Powys area", "Y tu allan i ardal Dyfed-Powys"),
]

CRIME_TYPES = [
    ("Domestic abuse", "Cam-drin domestig"),
    ("Rape or sexual violence", "Trais rhywiol neu drais rhywiol arall"),
    ("Stalking or harassment", "Stelcian neu aflonyddu"),
    ("Violence or assault", "Trais neu ymosodiad"),
    ("Child abuse", "Cam-drin plant"),
    ("Exploitation or modern slavery", "Camfanteisio neu gaethwasiaeth fodern"),
    ("Hate crime", "Trosedd casineb"),
    ("Burglary, robbery or theft", "Bwrgleriaeth, lladrad neu ddwyn"),
    ("Fraud or scams", "Twyll neu sgamiau"),
    ("Criminal damage", "Difrod troseddol"),
    ("Road traffic offence", "Trosedd traffig ffyrdd"),
    ("Death of someone close caused by crime", "Marwolaeth rhywun agos a achoswyd gan drosedd"),
    ("Anti-social behaviour", "Ymddygiad gwrthgymdeithasol"),
    ("Another crime", "Trosedd arall"),
]

PREFER_NOT = ("Prefer not to say", "Mae'n well gen i beidio â dweud")

# (kind, group (en, cy), answers [(en, cy)])
DEMOGRAPHICS = [
    ("age_band", ("", ""), [
        ("Under 18", "Dan 18"), ("18 to 24", "18 i 24"), ("25 to 34", "25 i 34"),
        ("35 to 44", "35 i 44"), ("45 to 54", "45 i 54"), ("55 to 64", "55 i 64"),
        ("65 to 74", "65 i 74"), ("75 or over", "75 neu hŷn"),
    ]),
    ("gender", ("", ""), [
        ("Woman", "Menyw"), ("Man", "Dyn"), ("Non-binary", "Anneuaidd"),
        ("I describe myself another way", "Rwy'n disgrifio fy hun mewn ffordd arall"),
    ]),
    # Welsh Government / ONS 2021 harmonised ethnic groups.
    ("ethnicity", ("Asian, Asian Welsh or Asian British", "Asiaidd, Asiaidd Cymreig neu Asiaidd Prydeinig"), [
        ("Bangladeshi", "Bangladeshaidd"), ("Chinese", "Tsieineaidd"), ("Indian", "Indiaidd"),
        ("Pakistani", "Pacistanaidd"), ("Any other Asian background", "Unrhyw gefndir Asiaidd arall"),
    ]),
    ("ethnicity", ("Black, Black Welsh, Black British, Caribbean or African", "Du, Du Cymreig, Du Prydeinig, Caribïaidd neu Affricanaidd"), [
        ("African", "Affricanaidd"), ("Caribbean", "Caribïaidd"),
        ("Any other Black, Black Welsh, Black British or Caribbean background", "Unrhyw gefndir Du, Du Cymreig, Du Prydeinig neu Garibïaidd arall"),
    ]),
    ("ethnicity", ("Mixed or multiple ethnic groups", "Grwpiau ethnig cymysg neu luosog"), [
        ("White and Asian", "Gwyn ac Asiaidd"), ("White and Black African", "Gwyn a Du Affricanaidd"),
        ("White and Black Caribbean", "Gwyn a Du Caribïaidd"),
        ("Any other mixed or multiple ethnic background", "Unrhyw gefndir ethnig cymysg neu luosog arall"),
    ]),
    ("ethnicity", ("White", "Gwyn"), [
        ("Welsh, English, Scottish, Northern Irish or British", "Cymreig, Seisnig, Albanaidd, Gwyddelig Gogleddol neu Brydeinig"),
        ("Irish", "Gwyddelig"), ("Gypsy or Irish Traveller", "Sipsi neu Deithiwr Gwyddelig"),
        ("Roma", "Roma"), ("Any other White background", "Unrhyw gefndir Gwyn arall"),
    ]),
    ("ethnicity", ("Other ethnic group", "Grŵp ethnig arall"), [
        ("Arab", "Arabaidd"), ("Any other ethnic group", "Unrhyw grŵp ethnig arall"),
    ]),
    ("disability", ("", ""), [("Yes", "Ydw"), ("No", "Nac ydw")]),
]

METHODS = [
    "online_survey", "postal_survey", "face_to_face_survey", "online_group",
    "face_to_face_group", "telephone", "document_review", "social_media",
]

NOTICE_EN_SUMMARY = (
    "<p>The Office of the Police and Crime Commissioner keeps what you tell us in a network "
    "database that only its engagement team can open. We use it to invite you to give "
    "feedback and to check that the people we hear from reflect everyone affected by crime. "
    "We never share your details with the police or anyone else without asking you first. "
    "You can leave, or ask us to delete your details, at any time.</p>"
)
NOTICE_CY_SUMMARY = (
    "<p>Mae Swyddfa'r Comisiynydd Heddlu a Throseddu yn cadw'r hyn rydych chi'n ei ddweud "
    "wrthym mewn cronfa ddata'r rhwydwaith na all neb ond ei thîm ymgysylltu ei hagor. Rydyn "
    "ni'n ei defnyddio i'ch gwahodd i roi adborth ac i wirio bod y bobl rydyn ni'n clywed "
    "ganddynt yn adlewyrchu pawb y mae trosedd yn effeithio arnynt. Fyddwn ni byth yn rhannu "
    "eich manylion â'r heddlu nac unrhyw un arall heb ofyn i chi yn gyntaf. Gallwch adael, "
    "neu ofyn i ni ddileu eich manylion, unrhyw bryd.</p>"
)
NOTICE_EN_BODY = (
    "<h2>Who holds your details</h2><p>The Office of the Police and Crime Commissioner "
    "(the OPCC) is the data controller.</p>"
    "<h2>What we hold and why</h2><p>Your name and the ways you want us to reach you, so we "
    "can invite you to engagement activities. If you agree, the types of crime that have "
    "affected you and details such as your age, gender and ethnic group, so we can invite "
    "the right people and check our feedback is representative. Each of these is your "
    "choice, and you can change your mind.</p>"
    "<h2>How we protect it</h2><p>Names, contact details and notes are encrypted. Only the "
    "engagement team can see member records, and every time they open one it is logged.</p>"
    "<h2>How long we keep it</h2><p>Membership lasts three years. If you leave, or do not "
    "renew, we delete your details after the retention period.</p>"
    "<h2>Your rights</h2><p>You can see what we hold, correct it, or ask us to delete it. "
    "Contact the engagement team, or use the link in any message we send you.</p>"
)
NOTICE_CY_BODY = (
    "<h2>Pwy sy'n cadw eich manylion</h2><p>Swyddfa'r Comisiynydd Heddlu a Throseddu "
    "(SCHTh) yw'r rheolydd data.</p>"
    "<h2>Beth rydyn ni'n ei gadw a pham</h2><p>Eich enw a'r ffyrdd rydych chi am i ni "
    "gysylltu â chi, er mwyn i ni allu eich gwahodd i weithgareddau ymgysylltu. Os ydych chi'n "
    "cytuno, y mathau o drosedd sydd wedi effeithio arnoch chi a manylion fel eich oedran, "
    "eich rhywedd a'ch grŵp ethnig, er mwyn i ni wahodd y bobl iawn a gwirio bod ein hadborth "
    "yn gynrychiadol. Eich dewis chi yw pob un o'r rhain, a gallwch newid eich meddwl.</p>"
    "<h2>Sut rydyn ni'n ei ddiogelu</h2><p>Mae enwau, manylion cyswllt a nodiadau wedi'u "
    "hamgryptio. Dim ond y tîm ymgysylltu sy'n gallu gweld cofnodion aelodau, ac mae pob tro "
    "y maen nhw'n agor un yn cael ei gofnodi.</p>"
    "<h2>Am ba hyd rydyn ni'n ei gadw</h2><p>Mae aelodaeth yn para tair blynedd. Os byddwch "
    "chi'n gadael, neu'n peidio ag adnewyddu, byddwn ni'n dileu eich manylion ar ôl y cyfnod "
    "cadw.</p>"
    "<h2>Eich hawliau</h2><p>Gallwch weld yr hyn rydyn ni'n ei gadw, ei gywiro, neu ofyn i "
    "ni ei ddileu. Cysylltwch â'r tîm ymgysylltu, neu defnyddiwch y ddolen mewn unrhyw neges "
    "rydyn ni'n ei hanfon atoch chi.</p>"
)


def key(*parts):
    return uuid.uuid5(NAMESPACE, "/".join(parts))


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    english, _ = Locale.objects.get_or_create(language_code="en")
    welsh, _ = Locale.objects.get_or_create(language_code="cy")

    def both(model, translation_key, english_fields, welsh_fields, **shared):
        for locale, fields in ((english, english_fields), (welsh, welsh_fields)):
            model.objects.get_or_create(
                translation_key=translation_key, locale=locale, defaults={**fields, **shared}
            )

    Area = apps.get_model("enrolment", "Area")
    for order, (en, cy) in enumerate(AREAS):
        both(Area, key("area", en), {"name": en}, {"name": cy}, sort_order=order)

    CrimeType = apps.get_model("enrolment", "CrimeType")
    for order, (en, cy) in enumerate(CRIME_TYPES):
        both(CrimeType, key("crime", en), {"name": en}, {"name": cy}, sort_order=order)

    Option = apps.get_model("enrolment", "DemographicOption")
    order = 0
    for kind, (group_en, group_cy), answers in DEMOGRAPHICS:
        for en, cy in answers:
            order += 1
            both(
                Option, key(kind, en),
                {"name": en, "group": group_en}, {"name": cy, "group": group_cy},
                kind=kind, sort_order=order,
            )
    for kind in ("age_band", "gender", "ethnicity", "disability"):
        both(
            Option, key(kind, "prefer-not-to-say"),
            {"name": PREFER_NOT[0]}, {"name": PREFER_NOT[1]},
            kind=kind, sort_order=999, prefer_not_to_say=True,
        )

    Method = apps.get_model("enrolment", "EngagementMethod")
    for order, code in enumerate(METHODS):
        Method.objects.get_or_create(code=code, defaults={"sort_order": order})

    Notice = apps.get_model("enrolment", "PrivacyNotice")
    notice_key = key("privacy-notice", "2026-11")
    for locale, summary, body in (
        (english, NOTICE_EN_SUMMARY, NOTICE_EN_BODY),
        (welsh, NOTICE_CY_SUMMARY, NOTICE_CY_BODY),
    ):
        Notice.objects.get_or_create(
            translation_key=notice_key, locale=locale,
            defaults={
                "version": "2026-11", "effective_from": datetime.date(2026, 11, 1),
                "summary": summary, "body": body,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("enrolment", "0001_initial"),
        ("pages", "0002_welsh_locale"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
