"""Demo content for the Dyfed-Powys Victim-Survivor Engagement Network, in English and Welsh.

Pure data: the navigation, the home page, the public pages and the support
contacts, each in both languages. The demo loader turns it into pages and
snippets. Facts come from the network's terms of reference (see SPEC.md);
all wording is our own.

Blocks are 2-tuples:
  ("heading", "plain text")
  ("paragraph", "<p>rich text</p>")
  ("callout", {"style": "info" | "warning", "heading": "plain text", "text": "<p>rich text</p>"})
  ("cards", [{"heading": "...", "text": "plain text", "page": "PAGE_KEY"}, ...])
"""

# Links used in several places. Single-quoted so the HTML can keep double quotes.
_EMAIL = (
    '<a href="mailto:opcc.communication@dyfed-powys.police.uk">'
    "opcc.communication@dyfed-powys.police.uk</a>"
)
_PHONE = '<a href="tel:+441267226440">01267 226440</a>'
_TEL_999 = '<a href="tel:999">999</a>'
_TEL_101 = '<a href="tel:101">101</a>'


# ---------------------------------------------------------------------------
# Navigation and footer
# ---------------------------------------------------------------------------

NAVIGATION = {
    "en": {
        "network_name": "Dyfed-Powys Victim-Survivor Engagement Network",
        "organisation_name": "Office of the Police and Crime Commissioner for Dyfed-Powys",
        "primary_links": ["about", "terms-of-reference", "support", "cover-your-tracks"],
        "footer_links": ["privacy", "accessibility", "cookies", "cover-your-tracks"],
        "footer_text": (
            "<p><b>Office of the Police and Crime Commissioner for Dyfed-Powys</b></p>"
            "<p>Email " + _EMAIL + " or call " + _PHONE + ".</p>"
            "<p>The office is open Monday to Friday, 9am to 5pm. "
            "Nobody checks our social media outside those hours. "
            "Never use social media to contact us in an emergency: call " + _TEL_999 + ".</p>"
        ),
    },
    "cy": {
        "network_name": "Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys",
        "organisation_name": "Swyddfa Comisiynydd yr Heddlu a Throseddu Dyfed-Powys",
        "primary_links": ["about", "terms-of-reference", "support", "cover-your-tracks"],
        "footer_links": ["privacy", "accessibility", "cookies", "cover-your-tracks"],
        "footer_text": (
            "<p><b>Swyddfa Comisiynydd yr Heddlu a Throseddu Dyfed-Powys</b></p>"
            "<p>Anfonwch e-bost at " + _EMAIL + " neu ffoniwch " + _PHONE + ".</p>"
            "<p>Mae'r swyddfa ar agor rhwng 9am a 5pm, o ddydd Llun i ddydd Gwener. "
            "Does neb yn edrych ar ein cyfryngau cymdeithasol y tu allan i'r oriau hyn. "
            "Peidiwch byth â defnyddio'r cyfryngau cymdeithasol i gysylltu â ni mewn "
            "argyfwng: ffoniwch " + _TEL_999 + ".</p>"
        ),
    },
}


# ---------------------------------------------------------------------------
# Home page
# ---------------------------------------------------------------------------

HOME = {
    "en": {
        "title": "Dyfed-Powys Victim-Survivor Engagement Network",
        "intro": (
            "A network for people affected by crime in Dyfed-Powys. "
            "Your experience can help make services better for the next person."
        ),
        "body": [
            ("heading", "Welcome"),
            (
                "paragraph",
                "<p>If you have been affected by crime, you know better than anyone what "
                "helped and what made things harder. This network is a safe way to share "
                "what you know. Your views go to the organisations that run services for "
                "victims, and they help those services improve.</p>"
                "<p>You can take part as much or as little as you like. We will never ask "
                "you to describe what happened to you.</p>",
            ),
            ("heading", "What the network is"),
            (
                "paragraph",
                "<p>The Dyfed-Powys Victim-Survivor Engagement Network brings together people "
                "affected by crime or anti-social behaviour. The Office of the Police and "
                "Crime Commissioner coordinates it on behalf of partners across the criminal "
                "justice system, such as the police, the courts, prosecutors, probation and "
                "services for victims.</p>"
                "<p>Usually four times a year, we ask members for their views on a topic. "
                "We pass on what you tell us, and we let you know what changed as a "
                "result.</p>",
            ),
            ("heading", "Who can join"),
            (
                "paragraph",
                "<p>You can join:</p>"
                "<ul>"
                "<li>if you have been affected by crime or anti-social behaviour</li>"
                "<li>if a close relative of yours died as a direct result of a crime</li>"
                "<li>if you supported someone close to you through services for victims</li>"
                "</ul>"
                "<p>Membership lasts three years, and you can leave at any time.</p>",
            ),
            (
                "callout",
                {
                    "style": "info",
                    "heading": "Reporting a crime",
                    "text": "<p>The network cannot take reports of crime. In an emergency, "
                    "call " + _TEL_999 + ". Otherwise, call " + _TEL_101 + " or report "
                    "online to the police.</p>",
                },
            ),
            ("heading", "Find out more"),
            (
                "cards",
                [
                    {
                        "heading": "About the network",
                        "text": "Why the network was set up, and why your views matter.",
                        "page": "about",
                    },
                    {
                        "heading": "Terms of reference",
                        "text": "Who can join, how the network works, and how we look "
                        "after your information.",
                        "page": "terms-of-reference",
                    },
                    {
                        "heading": "Get support",
                        "text": "Services that can help you now, whether or not you join.",
                        "page": "support",
                    },
                    {
                        "heading": "Cover your tracks online",
                        "text": "What the Quick exit button can and cannot hide, and how "
                        "to stay safer online.",
                        "page": "cover-your-tracks",
                    },
                ],
            ),
        ],
    },
    "cy": {
        "title": "Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys",
        "intro": (
            "Rhwydwaith i bobl y mae trosedd wedi effeithio arnyn nhw yn Nyfed-Powys. "
            "Gall eich profiad helpu i wella gwasanaethau i'r person nesaf."
        ),
        "body": [
            ("heading", "Croeso"),
            (
                "paragraph",
                "<p>Os yw trosedd wedi effeithio arnoch chi, rydych chi'n gwybod yn well na "
                "neb beth helpodd a beth wnaeth bethau'n anoddach. Mae'r rhwydwaith hwn yn "
                "ffordd ddiogel o rannu'r hyn rydych chi'n ei wybod. Mae eich barn yn mynd "
                "i'r sefydliadau sy'n rhedeg gwasanaethau i ddioddefwyr, ac mae'n helpu'r "
                "gwasanaethau hynny i wella.</p>"
                "<p>Gallwch gymryd rhan cymaint neu cyn lleied ag y dymunwch. Fyddwn ni byth "
                "yn gofyn i chi ddisgrifio beth ddigwyddodd i chi.</p>",
            ),
            ("heading", "Beth yw'r rhwydwaith"),
            (
                "paragraph",
                "<p>Mae Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys yn dod â phobl "
                "y mae trosedd neu ymddygiad gwrthgymdeithasol wedi effeithio arnyn nhw at "
                "ei gilydd. Mae Swyddfa Comisiynydd yr Heddlu a Throseddu yn ei gydlynu ar "
                "ran partneriaid ar draws y system cyfiawnder troseddol, fel yr heddlu, y "
                "llysoedd, erlynwyr, y gwasanaeth prawf a gwasanaethau i ddioddefwyr.</p>"
                "<p>Bedair gwaith y flwyddyn fel arfer, rydyn ni'n gofyn i aelodau am eu barn "
                "ar bwnc. Rydyn ni'n trosglwyddo'r hyn rydych chi'n ei ddweud wrthym, ac yn "
                "rhoi gwybod i chi beth newidiodd o ganlyniad.</p>",
            ),
            ("heading", "Pwy all ymuno"),
            (
                "paragraph",
                "<p>Gallwch ymuno:</p>"
                "<ul>"
                "<li>os yw trosedd neu ymddygiad gwrthgymdeithasol wedi effeithio arnoch "
                "chi</li>"
                "<li>os bu farw perthynas agos i chi o ganlyniad uniongyrchol i drosedd</li>"
                "<li>os gwnaethoch chi gefnogi rhywun agos atoch chi drwy wasanaethau i "
                "ddioddefwyr</li>"
                "</ul>"
                "<p>Mae aelodaeth yn para tair blynedd, a gallwch adael ar unrhyw adeg.</p>",
            ),
            (
                "callout",
                {
                    "style": "info",
                    "heading": "Rhoi gwybod am drosedd",
                    "text": "<p>Ni all y rhwydwaith dderbyn adroddiadau am droseddau. Mewn "
                    "argyfwng, ffoniwch "
                    + _TEL_999
                    + ". Fel arall, ffoniwch "
                    + _TEL_101
                    + " neu rhowch wybod i'r heddlu ar-lein.</p>",
                },
            ),
            ("heading", "Rhagor o wybodaeth"),
            (
                "cards",
                [
                    {
                        "heading": "Amdanom ni",
                        "text": "Pam y cafodd y rhwydwaith ei sefydlu, a pham mae eich "
                        "barn yn bwysig.",
                        "page": "about",
                    },
                    {
                        "heading": "Cylch gorchwyl",
                        "text": "Pwy all ymuno, sut mae'r rhwydwaith yn gweithio, a sut "
                        "rydyn ni'n gofalu am eich gwybodaeth.",
                        "page": "terms-of-reference",
                    },
                    {
                        "heading": "Cael cymorth",
                        "text": "Gwasanaethau a all eich helpu nawr, p'un a ydych chi'n "
                        "ymuno ai peidio.",
                        "page": "support",
                    },
                    {
                        "heading": "Cuddio eich olion ar-lein",
                        "text": "Beth y gall y botwm 'Gadael yn gyflym' ei guddio a beth na "
                        "all ei guddio, a sut i fod yn fwy diogel ar-lein.",
                        "page": "cover-your-tracks",
                    },
                ],
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# About
# ---------------------------------------------------------------------------

_ABOUT = {
    "key": "about",
    "type": "content",
    "en": {
        "slug": "about",
        "title": "About the network",
        "intro": (
            "The network gives people affected by crime a say in how victims are "
            "treated in Dyfed-Powys."
        ),
        "body": [
            ("heading", "What the network is"),
            (
                "paragraph",
                "<p>The Dyfed-Powys Victim-Survivor Engagement Network is a group of people "
                "who have been affected by crime or anti-social behaviour. Members share "
                "their views on the services that victims use. These include the police, "
                "the courts, prosecutors, probation and the services that support "
                "victims.</p>"
                "<p>The Police and Crime Commissioner set up the network in October 2020, "
                "working with partners across the criminal justice system. The Office of "
                "the Police and Crime Commissioner (OPCC) runs the network from day to day, "
                "on behalf of all the partners.</p>",
            ),
            ("heading", "The Commissioner as Victims' Champion"),
            (
                "paragraph",
                "<p>The Commissioner sees being a voice for victims as a central part of "
                "the role: a Victims' Champion. To do that well, the Commissioner needs to "
                "hear from people who know, from their own experience, what it is like to "
                "go through the justice system.</p>",
            ),
            ("heading", "Why your views matter"),
            (
                "paragraph",
                "<p>The people who run services cannot always see them the way you did. "
                "Your feedback shows them what worked, what did not, and what was "
                "missing.</p>"
                "<p>When a partner asks for views on a topic, we invite the members it "
                "is most relevant to, we listen, and we pass on what you told us. The "
                "partner must then consider it and tell us what it has changed. We share "
                "that with members, so you can see the difference you have made.</p>"
                "<p>Every experience is different, and we respect that. Together, members "
                "also form a shared voice that is hard to ignore.</p>",
            ),
            (
                "callout",
                {
                    "style": "info",
                    "heading": "You are always in control",
                    "text": "<p>You decide which activities to take part in, and how much "
                    "to share. You can leave the network at any time. We will never ask "
                    "you to describe what happened to you.</p>",
                },
            ),
            ("heading", "Who can join"),
            (
                "paragraph",
                "<p>You can join if crime or anti-social behaviour has affected you, if a "
                "close relative died as a direct result of a crime, or if you supported "
                "someone close to you through services for victims. Our terms of reference "
                "explain this in more detail.</p>",
            ),
            ("heading", "Get in touch"),
            (
                "paragraph",
                "<p>If you have a question about the network, email "
                + _EMAIL
                + " or call "
                + _PHONE
                + ". The office is open Monday to Friday, 9am to 5pm.</p>"
                "<p>Please do not use the network to report a crime. In an emergency, call "
                + _TEL_999
                + ". Otherwise, call "
                + _TEL_101
                + " or report online to the "
                "police.</p>",
            ),
        ],
    },
    "cy": {
        "slug": "amdanom-ni",
        "title": "Amdanom ni",
        "intro": (
            "Mae'r rhwydwaith yn rhoi llais i bobl y mae trosedd wedi effeithio arnyn nhw "
            "yn y ffordd y mae dioddefwyr yn cael eu trin yn Nyfed-Powys."
        ),
        "body": [
            ("heading", "Beth yw'r rhwydwaith"),
            (
                "paragraph",
                "<p>Grŵp o bobl y mae trosedd neu ymddygiad gwrthgymdeithasol wedi effeithio "
                "arnyn nhw yw Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys. Mae "
                "aelodau'n rhannu eu barn am y gwasanaethau y mae dioddefwyr yn eu "
                "defnyddio. Mae'r rhain yn cynnwys yr heddlu, y llysoedd, erlynwyr, y "
                "gwasanaeth prawf a'r gwasanaethau sy'n cefnogi dioddefwyr.</p>"
                "<p>Sefydlodd y Comisiynydd Heddlu a Throseddu y rhwydwaith ym mis Hydref "
                "2020, gan weithio gyda phartneriaid ar draws y system cyfiawnder troseddol. "
                "Swyddfa Comisiynydd yr Heddlu a Throseddu (Swyddfa'r Comisiynydd) sy'n "
                "rhedeg y rhwydwaith o ddydd i ddydd, ar ran yr holl bartneriaid.</p>",
            ),
            ("heading", "Y Comisiynydd fel Hyrwyddwr Dioddefwyr"),
            (
                "paragraph",
                "<p>Mae'r Comisiynydd yn ystyried bod yn llais i ddioddefwyr yn rhan "
                "ganolog o'r rôl: bod yn Hyrwyddwr Dioddefwyr. I wneud hynny'n dda, mae "
                "angen i'r Comisiynydd glywed gan bobl sy'n gwybod, o'u profiad eu hunain, "
                "sut beth yw mynd drwy'r system cyfiawnder.</p>",
            ),
            ("heading", "Pam mae eich barn yn bwysig"),
            (
                "paragraph",
                "<p>Dydy'r bobl sy'n rhedeg gwasanaethau ddim bob amser yn gallu eu gweld "
                "fel y gwnaethoch chi. Mae eich adborth yn dangos iddyn nhw beth weithiodd, "
                "beth na weithiodd, a beth oedd ar goll.</p>"
                "<p>Pan fydd partner yn gofyn am farn ar bwnc, rydyn ni'n gwahodd yr aelodau "
                "y mae'r pwnc yn fwyaf perthnasol iddyn nhw, rydyn ni'n gwrando, ac rydyn "
                "ni'n trosglwyddo'r hyn a ddywedoch chi. Yna mae'n rhaid i'r partner ei "
                "ystyried a dweud wrthym beth mae wedi'i newid. Rydyn ni'n rhannu hynny ag "
                "aelodau, er mwyn i chi weld y gwahaniaeth rydych chi wedi'i wneud.</p>"
                "<p>Mae pob profiad yn wahanol, ac rydyn ni'n parchu hynny. Gyda'i gilydd, "
                "mae aelodau hefyd yn ffurfio llais ar y cyd sy'n anodd ei anwybyddu.</p>",
            ),
            (
                "callout",
                {
                    "style": "info",
                    "heading": "Chi sy'n penderfynu bob amser",
                    "text": "<p>Chi sy'n dewis ym mha weithgareddau i gymryd rhan, a faint "
                    "rydych chi am ei rannu. Gallwch adael y rhwydwaith ar unrhyw adeg. "
                    "Fyddwn ni byth yn gofyn i chi ddisgrifio beth ddigwyddodd i chi.</p>",
                },
            ),
            ("heading", "Pwy all ymuno"),
            (
                "paragraph",
                "<p>Gallwch ymuno os yw trosedd neu ymddygiad gwrthgymdeithasol wedi "
                "effeithio arnoch chi, os bu farw perthynas agos o ganlyniad uniongyrchol i "
                "drosedd, neu os gwnaethoch chi gefnogi rhywun agos atoch chi drwy "
                "wasanaethau i ddioddefwyr. Mae ein cylch gorchwyl yn egluro hyn yn "
                "fanylach.</p>",
            ),
            ("heading", "Cysylltu â ni"),
            (
                "paragraph",
                "<p>Os oes gennych chi gwestiwn am y rhwydwaith, anfonwch e-bost at "
                + _EMAIL
                + " neu ffoniwch "
                + _PHONE
                + ". Mae'r swyddfa ar agor rhwng 9am a "
                "5pm, o ddydd Llun i ddydd Gwener.</p>"
                "<p>Peidiwch â defnyddio'r rhwydwaith i roi gwybod am drosedd. Mewn "
                "argyfwng, ffoniwch "
                + _TEL_999
                + ". Fel arall, ffoniwch "
                + _TEL_101
                + " neu rhowch wybod i'r heddlu ar-lein.</p>",
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# Terms of reference
# ---------------------------------------------------------------------------

_TERMS_EN = {
    "slug": "terms-of-reference",
    "title": "Terms of reference",
    "intro": (
        "How the Dyfed-Powys Victim-Survivor Engagement Network works: who can join, what "
        "we do with your views, how we look after your information, and what we promise "
        "each other."
    ),
    "sections": [
        {
            "heading": "Background",
            "body": [
                (
                    "paragraph",
                    "<p>The Police and Crime Commissioner for Dyfed-Powys set up this network "
                    "in October 2020, together with partners in the criminal justice system. "
                    "Its purpose is simple. People who have lived through crime should help "
                    "to shape the services that are there for victims.</p>"
                    "<p>The Commissioner sees being the voice of victims as a key part of the "
                    "role, and acts as a Victims' Champion. Hearing directly from victims and "
                    "survivors is the best way to do that well.</p>"
                    "<p>The Office of the Police and Crime Commissioner (OPCC) coordinates the "
                    "network on behalf of the partners. The OPCC looks after the membership. "
                    "It plans each engagement activity with the partner who asked for it. It "
                    "also makes sure that members hear what happened as a result.</p>"
                    "<p>This document explains how the network works. It is for members, for "
                    "people who are thinking of joining, and for the partners who work with "
                    "us. It is available in Welsh and in English.</p>",
                ),
            ],
        },
        {
            "heading": "Who can join",
            "body": [
                (
                    "paragraph",
                    "<p>The network is open to anyone who has been affected by crime or "
                    "anti-social behaviour. It is also open to people who supported someone "
                    "close to them while that person was using services for victims.</p>"
                    "<h3>How we define a victim</h3>"
                    "<p>We follow the definition in the Victims' Code 2020. Under the Code, a "
                    "victim is:</p>"
                    "<ul>"
                    "<li>a person who has suffered harm that was directly caused by a "
                    "criminal offence. The harm can be physical, mental or emotional, or it "
                    "can be a financial loss</li>"
                    "<li>a close relative of a person who died as a direct result of a "
                    "criminal offence, or a spokesperson the family has chosen to speak for "
                    "them</li>"
                    "</ul>"
                    "<p>People affected by anti-social behaviour are welcome to join "
                    "too.</p>"
                    "<h3>The words we use</h3>"
                    "<p>Not everyone likes the word 'victim'. Some people prefer 'survivor', "
                    "and some prefer 'injured party'. When you join, you can tell us which "
                    "word you prefer, or give us your own. We will record it and use it when "
                    "we talk with you. In this document we use 'victim-survivor' to include "
                    "everyone.</p>",
                ),
            ],
        },
        {
            "heading": "What we want to achieve",
            "body": [
                (
                    "paragraph",
                    "<p>Through the network, we want to:</p>"
                    "<ul>"
                    "<li>suggest ways to improve services for victims across the whole "
                    "criminal justice system</li>"
                    "<li>give partners feedback on their policies and procedures</li>"
                    "<li>make sure services meet each person's needs, and that nobody falls "
                    "through the gaps between them</li>"
                    "<li>build trust and confidence in criminal justice agencies</li>"
                    "<li>give victim-survivors the power to start improvements "
                    "themselves</li>"
                    "<li>show members the difference their involvement makes</li>"
                    "<li>make people more satisfied with services, so that fewer people turn "
                    "away from the justice process</li>"
                    "<li>be a shared voice for victim-survivors, while respecting that every "
                    "experience is unique</li>"
                    "</ul>",
                ),
            ],
        },
        {
            "heading": "How the network works",
            "body": [
                (
                    "paragraph",
                    "<h3>A regular timetable</h3>"
                    "<p>Engagement activities take place once every quarter. That means four "
                    "activities in each financial year. A regular timetable means you know "
                    "roughly when the next request will come. Partners also know when to "
                    "bring their questions.</p>"
                    "<h3>Urgent activities</h3>"
                    "<p>Sometimes a partner needs feedback quickly. When that happens, we "
                    "may run a one-off activity outside the usual timetable.</p>"
                    "<h3>Where topics come from</h3>"
                    "<p>Topics for activities come from:</p>"
                    "<ul>"
                    "<li>criminal justice partners, mostly through the Victim and Witness "
                    "Sub-Group of the Local Criminal Justice Board</li>"
                    "<li>the OPCC's own scrutiny work, where we check how well services are "
                    "working</li>"
                    "<li>services that the Commissioner funds</li>"
                    "</ul>"
                    "<h3>Deciding what goes ahead</h3>"
                    "<p>If there are more requests than we can run, the OPCC decides which "
                    "come first. The OPCC may also turn down a topic if there is a better "
                    "way for the partner to get what it needs. This protects members from "
                    "being asked too often, or being asked about things that could be "
                    "answered another way.</p>"
                    "<h3>Working with partners</h3>"
                    "<p>The partner who asks for an activity knows the subject best. It "
                    "designs the activity together with the OPCC. The OPCC then contacts "
                    "members and runs the activity. Partners do not receive your contact "
                    "details.</p>"
                    "<h3>What happens to your feedback</h3>"
                    "<p>We write up the results, with recommendations, and send them to the "
                    "partner. The partner must consider them and report back on what it has "
                    "changed. We share those updates with the Victim and Witness Sub-Group "
                    "and with members.</p>"
                    "<h3>Priority areas</h3>"
                    "<p>Violence against women and girls (VAWG) is a priority area. This "
                    "includes domestic abuse, and rape and serious sexual offences. It means "
                    "we may invite members with relevant experience to take part in "
                    "activities on these topics. As always, taking part is your "
                    "choice.</p>",
                ),
            ],
        },
        {
            "heading": "Ways to take part",
            "body": [
                (
                    "paragraph",
                    "<p>We use the method that works best for you and for the topic. "
                    "Methods include:</p>"
                    "<ul>"
                    "<li>an online survey</li>"
                    "<li>a survey sent by post</li>"
                    "<li>a survey done face to face</li>"
                    "<li>an online focus group or workshop</li>"
                    "<li>a focus group or workshop in person</li>"
                    "<li>a discussion by telephone</li>"
                    "<li>a document or policy sent to you by email or post, so you can "
                    "comment on it</li>"
                    "<li>contact through social media</li>"
                    "</ul>"
                    "<p>When you join, you can tell us which methods suit you. We will "
                    "adapt the way we work to meet your needs. If something would make it "
                    "easier for you to take part, please tell us.</p>",
                ),
            ],
        },
        {
            "heading": "Your information",
            "body": [
                (
                    "paragraph",
                    "<p>Confidentiality and data protection come first. We know that some of "
                    "the information you share with us is private and sensitive.</p>"
                    "<h3>What we hold</h3>"
                    "<p>Since April 2023, we have kept member records in the network "
                    "database. With your consent, it holds:</p>"
                    "<ul>"
                    "<li>your name</li>"
                    "<li>your contact details: telephone number, email address and postal "
                    "address</li>"
                    "<li>how you would like us to contact you</li>"
                    "<li>whether you prefer Welsh or English</li>"
                    "<li>the area where you live</li>"
                    "<li>the types of crime you have experienced</li>"
                    "<li>details such as your age, gender and ethnicity. These are "
                    "protected characteristics under the Equality Act</li>"
                    "</ul>"
                    "<h3>Why we hold it</h3>"
                    "<p>This information lets us invite the right members to each activity, "
                    "instead of contacting everyone about everything. It also helps us "
                    "check whether the feedback we gather reflects the range of people "
                    "affected by crime in Dyfed-Powys.</p>"
                    "<h3>Who can see it</h3>"
                    "<p>Only the OPCC team can open the database. We do not share your "
                    "details with partners. When we report results, we do not name "
                    "members.</p>"
                    "<h3>Keeping it safe</h3>"
                    "<p>The OPCC has carried out a data protection impact assessment, and "
                    "it uses confidentiality agreements.</p>"
                    "<h3>Taking part without giving your name</h3>"
                    "<p>You can contribute anonymously if you prefer. Just tell us, and we "
                    "will find a way for you to take part without your name being linked to "
                    "what you say.</p>"
                    "<h3>What we never ask</h3>"
                    "<p>We will never ask you to describe what happened to you. Please do "
                    "not write about a crime in any form or message you send us.</p>"
                    "<p>Our privacy notice explains more about your information and your "
                    "rights.</p>",
                ),
            ],
        },
        {
            "heading": "Membership",
            "body": [
                (
                    "paragraph",
                    "<p>Membership lasts for three years from the day you join. Near the end "
                    "of that time, we will ask whether you would like to stay for another "
                    "term. If you do not want to, or we do not hear from you, your "
                    "membership will end.</p>"
                    "<p>You can leave at any time, for any reason. You do not have to "
                    "explain why. Please let us know, so that we stop contacting you. You "
                    "can choose whether we simply stop contacting you, or delete your "
                    "information as well.</p>",
                ),
            ],
        },
        {
            "heading": "Our promises to you",
            "body": [
                (
                    "paragraph",
                    "<p>The OPCC promises to:</p>"
                    "<ul>"
                    "<li>give you full details of each activity, so you can decide whether "
                    "to take part</li>"
                    "<li>never put pressure on you to share anything you do not want to "
                    "share</li>"
                    "<li>listen to you</li>"
                    "<li>treat you with respect and take what you say seriously</li>"
                    "<li>tell you how your feedback was considered, and what changed as a "
                    "result</li>"
                    "<li>point you to support services if you need them</li>"
                    "</ul>"
                    "<p>Taking part is always voluntary. Saying no to an activity does not "
                    "affect your membership, and you can stop part way through if you need "
                    "to.</p>",
                ),
            ],
        },
        {
            "heading": "What we ask of you",
            "body": [
                (
                    "paragraph",
                    "<p>To keep the network safe and useful for everyone, this is what we "
                    "ask of you:</p>"
                    "<ul>"
                    "<li>Keep your contact details up to date.</li>"
                    "<li>Tell us if you want to leave the network.</li>"
                    "<li>Tell us if a topic affects you personally, so that we can point you "
                    "to support.</li>"
                    "<li>Do not use the network to pursue your own case or a "
                    "complaint.</li>"
                    "<li>Do not use the network to report a crime or an operational police "
                    "matter.</li>"
                    "<li>Do not share personal or sensitive information in group "
                    "activities.</li>"
                    "<li>Be polite to other members and to staff.</li>"
                    "<li>Stay within the law: do not make comments that discriminate "
                    "against people, that are hateful or that are defamatory.</li>"
                    "</ul>",
                ),
                (
                    "callout",
                    {
                        "style": "warning",
                        "heading": "We cannot take reports of crime",
                        "text": "<p>Please do not use the network or the OPCC to report a "
                        "crime. We cannot respond to reports like this.</p>"
                        "<ul>"
                        "<li>In an emergency, or if you are in danger now, call "
                        + _TEL_999
                        + ".</li>"
                        "<li>When it is not an emergency, call " + _TEL_101 + " or report "
                        "it online to the police.</li>"
                        "</ul>",
                    },
                ),
                (
                    "paragraph",
                    "<p>If you have a question or a complaint about your own case, please "
                    "contact the organisation that is dealing with it. If you are not sure "
                    "who that is, we can help you find the right place.</p>",
                ),
            ],
        },
        {
            "heading": "Contacting us",
            "body": [
                (
                    "paragraph",
                    "<p>We will mostly contact you by email or by telephone, using the ways "
                    "you told us are safe for you. Our emails and letters will not repeat "
                    "sensitive details. If a way of contacting you stops being safe, please "
                    "tell us as soon as you can.</p>"
                    "<p>You can email the OPCC at " + _EMAIL + " or call " + _PHONE + ".</p>"
                    "<p>The office is open Monday to Friday, 9am to 5pm. Nobody checks our "
                    "social media outside those hours.</p>",
                ),
                (
                    "callout",
                    {
                        "style": "warning",
                        "heading": "Never use social media in an emergency",
                        "text": "<p>Our social media is not a safe way to ask for urgent "
                        "help. If you are in danger, call " + _TEL_999 + ".</p>",
                    },
                ),
            ],
        },
    ],
}

_TERMS_CY = {
    "slug": "cylch-gorchwyl",
    "title": "Cylch gorchwyl",
    "intro": (
        "Sut mae Rhwydwaith Ymgysylltu Dioddefwyr-Goroeswyr Dyfed-Powys yn gweithio: pwy "
        "all ymuno, beth rydyn ni'n ei wneud â'ch barn, sut rydyn ni'n gofalu am eich "
        "gwybodaeth, a beth rydyn ni'n ei addo i'n gilydd."
    ),
    "sections": [
        {
            "heading": "Cefndir",
            "body": [
                (
                    "paragraph",
                    "<p>Sefydlodd Comisiynydd Heddlu a Throseddu Dyfed-Powys y rhwydwaith "
                    "hwn ym mis Hydref 2020, ar y cyd â phartneriaid yn y system cyfiawnder "
                    "troseddol. Mae ei ddiben yn syml. Dylai pobl sydd wedi byw drwy drosedd "
                    "helpu i lunio'r gwasanaethau sydd ar gael i ddioddefwyr.</p>"
                    "<p>Mae'r Comisiynydd yn ystyried bod yn llais i ddioddefwyr yn rhan "
                    "allweddol o'r rôl, ac mae'n gweithredu fel Hyrwyddwr Dioddefwyr. "
                    "Clywed yn uniongyrchol gan ddioddefwyr a goroeswyr yw'r ffordd orau o "
                    "wneud hynny'n dda.</p>"
                    "<p>Swyddfa Comisiynydd yr Heddlu a Throseddu (Swyddfa'r Comisiynydd) "
                    "sy'n cydlynu'r rhwydwaith ar ran y partneriaid. Mae'r Swyddfa'n gofalu "
                    "am yr aelodaeth. Mae'n cynllunio pob gweithgaredd ymgysylltu gyda'r "
                    "partner a ofynnodd amdano. Mae hefyd yn sicrhau bod aelodau'n clywed "
                    "beth ddigwyddodd o ganlyniad.</p>"
                    "<p>Mae'r ddogfen hon yn egluro sut mae'r rhwydwaith yn gweithio. Mae ar "
                    "gyfer aelodau, ar gyfer pobl sy'n ystyried ymuno, ac ar gyfer y "
                    "partneriaid sy'n gweithio gyda ni. Mae ar gael yn Gymraeg ac yn "
                    "Saesneg.</p>",
                ),
            ],
        },
        {
            "heading": "Pwy all ymuno",
            "body": [
                (
                    "paragraph",
                    "<p>Mae'r rhwydwaith yn agored i bawb y mae trosedd neu ymddygiad "
                    "gwrthgymdeithasol wedi effeithio arnyn nhw. Mae hefyd yn agored i bobl "
                    "a fu'n cefnogi rhywun agos atyn nhw tra oedd y person hwnnw'n defnyddio "
                    "gwasanaethau i ddioddefwyr.</p>"
                    "<h3>Sut rydyn ni'n diffinio dioddefwr</h3>"
                    "<p>Rydyn ni'n dilyn y diffiniad yng Nghod Dioddefwyr 2020. O dan y Cod, "
                    "dioddefwr yw:</p>"
                    "<ul>"
                    "<li>person sydd wedi dioddef niwed a achoswyd yn uniongyrchol gan "
                    "drosedd. Gall y niwed fod yn gorfforol, yn feddyliol neu'n emosiynol, "
                    "neu gall fod yn golled ariannol</li>"
                    "<li>perthynas agos i berson a fu farw o ganlyniad uniongyrchol i "
                    "drosedd, neu lefarydd y mae'r teulu wedi'i ddewis i siarad ar ei "
                    "ran</li>"
                    "</ul>"
                    "<p>Mae croeso hefyd i bobl y mae ymddygiad gwrthgymdeithasol wedi "
                    "effeithio arnyn nhw ymuno.</p>"
                    "<h3>Y geiriau rydyn ni'n eu defnyddio</h3>"
                    "<p>Dydy pawb ddim yn hoffi'r gair 'dioddefwr'. Mae'n well gan rai pobl "
                    "'goroeswr', ac mae'n well gan eraill 'parti a anafwyd'. Pan fyddwch "
                    "chi'n ymuno, gallwch ddweud wrthym pa air sydd orau gennych chi, neu "
                    "roi eich gair eich hun. Byddwn ni'n ei gofnodi ac yn ei ddefnyddio pan "
                    "fyddwn ni'n siarad â chi. Yn y ddogfen hon, rydyn ni'n defnyddio "
                    "'dioddefwr-goroeswr' i gynnwys pawb.</p>",
                ),
            ],
        },
        {
            "heading": "Beth rydyn ni am ei gyflawni",
            "body": [
                (
                    "paragraph",
                    "<p>Drwy'r rhwydwaith, rydyn ni eisiau:</p>"
                    "<ul>"
                    "<li>awgrymu ffyrdd o wella gwasanaethau i ddioddefwyr ar draws y "
                    "system cyfiawnder troseddol gyfan</li>"
                    "<li>rhoi adborth i bartneriaid ar eu polisïau a'u gweithdrefnau</li>"
                    "<li>sicrhau bod gwasanaethau'n diwallu anghenion pob unigolyn, ac nad "
                    "oes neb yn syrthio drwy'r bylchau rhyngddyn nhw</li>"
                    "<li>meithrin ymddiriedaeth a hyder yn asiantaethau'r system cyfiawnder "
                    "troseddol</li>"
                    "<li>grymuso dioddefwyr-goroeswyr i ddechrau gwelliannau eu "
                    "hunain</li>"
                    "<li>dangos i aelodau'r gwahaniaeth y mae eu cyfraniad yn ei "
                    "wneud</li>"
                    "<li>gwneud pobl yn fwy bodlon â gwasanaethau, fel bod llai o bobl yn "
                    "troi cefn ar y system cyfiawnder</li>"
                    "<li>bod yn llais ar y cyd i ddioddefwyr-goroeswyr, gan barchu bod pob "
                    "profiad yn unigryw</li>"
                    "</ul>",
                ),
            ],
        },
        {
            "heading": "Sut mae'r rhwydwaith yn gweithio",
            "body": [
                (
                    "paragraph",
                    "<h3>Amserlen reolaidd</h3>"
                    "<p>Mae gweithgareddau ymgysylltu'n cael eu cynnal unwaith bob chwarter. "
                    "Mae hynny'n golygu pedwar gweithgaredd ym mhob blwyddyn ariannol. Gydag "
                    "amserlen reolaidd, rydych chi'n gwybod yn fras pryd y daw'r cais nesaf. "
                    "Mae partneriaid hefyd yn gwybod pryd i gyflwyno eu cwestiynau.</p>"
                    "<h3>Gweithgareddau brys</h3>"
                    "<p>Weithiau mae angen adborth ar bartner yn gyflym. Pan fydd hynny'n "
                    "digwydd, efallai y byddwn ni'n cynnal gweithgaredd untro y tu allan i'r "
                    "amserlen arferol.</p>"
                    "<h3>O ble mae'r pynciau'n dod</h3>"
                    "<p>Mae pynciau gweithgareddau'n dod o'r canlynol:</p>"
                    "<ul>"
                    "<li>partneriaid cyfiawnder troseddol, yn bennaf drwy Is-grŵp "
                    "Dioddefwyr a Thystion y Bwrdd Cyfiawnder Troseddol Lleol</li>"
                    "<li>gwaith craffu Swyddfa'r Comisiynydd ei hun, lle rydyn ni'n gwirio "
                    "pa mor dda mae gwasanaethau'n gweithio</li>"
                    "<li>gwasanaethau y mae'r Comisiynydd yn eu hariannu</li>"
                    "</ul>"
                    "<h3>Penderfynu beth sy'n digwydd</h3>"
                    "<p>Os oes mwy o geisiadau nag y gallwn ni eu cynnal, Swyddfa'r "
                    "Comisiynydd sy'n penderfynu pa rai sy'n dod gyntaf. Gall y Swyddfa "
                    "hefyd wrthod pwnc os oes ffordd well i'r partner gael yr hyn sydd ei "
                    "angen arno. Mae hyn yn diogelu aelodau rhag cael eu holi'n rhy aml, neu "
                    "gael eu holi am bethau y gellid eu hateb mewn ffordd arall.</p>"
                    "<h3>Gweithio gyda phartneriaid</h3>"
                    "<p>Y partner sy'n gofyn am weithgaredd sy'n adnabod y pwnc orau. Mae'n "
                    "cynllunio'r gweithgaredd ar y cyd â Swyddfa'r Comisiynydd. Yna mae'r "
                    "Swyddfa'n cysylltu ag aelodau ac yn cynnal y gweithgaredd. Dydy "
                    "partneriaid ddim yn cael eich manylion cyswllt.</p>"
                    "<h3>Beth sy'n digwydd i'ch adborth</h3>"
                    "<p>Rydyn ni'n ysgrifennu'r canlyniadau, gydag argymhellion, ac yn eu "
                    "hanfon at y partner. Rhaid i'r partner eu hystyried a rhoi gwybod beth "
                    "mae wedi'i newid o ganlyniad. Rydyn ni'n rhannu'r diweddariadau hynny "
                    "â'r Is-grŵp Dioddefwyr a Thystion ac ag aelodau.</p>"
                    "<h3>Meysydd blaenoriaeth</h3>"
                    "<p>Mae trais yn erbyn menywod a merched yn faes blaenoriaeth. Mae hyn "
                    "yn cynnwys cam-drin domestig, a thrais rhywiol a throseddau rhywiol "
                    "difrifol. Mae'n golygu y gallen ni wahodd aelodau sydd â phrofiad "
                    "perthnasol i gymryd rhan mewn gweithgareddau ar y pynciau hyn. Fel "
                    "bob amser, chi sy'n dewis a ydych chi am gymryd rhan.</p>",
                ),
            ],
        },
        {
            "heading": "Ffyrdd o gymryd rhan",
            "body": [
                (
                    "paragraph",
                    "<p>Rydyn ni'n defnyddio'r dull sy'n gweithio orau i chi ac i'r pwnc. "
                    "Mae'r dulliau'n cynnwys:</p>"
                    "<ul>"
                    "<li>arolwg ar-lein</li>"
                    "<li>arolwg drwy'r post</li>"
                    "<li>arolwg wyneb yn wyneb</li>"
                    "<li>grŵp ffocws neu weithdy ar-lein</li>"
                    "<li>grŵp ffocws neu weithdy wyneb yn wyneb</li>"
                    "<li>trafodaeth dros y ffôn</li>"
                    "<li>dogfen neu bolisi a anfonir atoch chi drwy e-bost neu drwy'r post, "
                    "er mwyn i chi roi eich sylwadau</li>"
                    "<li>cysylltu drwy'r cyfryngau cymdeithasol</li>"
                    "</ul>"
                    "<p>Pan fyddwch chi'n ymuno, gallwch ddweud wrthym pa ddulliau sy'n "
                    "addas i chi. Byddwn ni'n addasu'r ffordd rydyn ni'n gweithio i ddiwallu "
                    "eich anghenion. Os byddai rhywbeth yn ei gwneud yn haws i chi gymryd "
                    "rhan, dywedwch wrthym.</p>",
                ),
            ],
        },
        {
            "heading": "Eich gwybodaeth",
            "body": [
                (
                    "paragraph",
                    "<p>Cyfrinachedd a diogelu data sy'n dod gyntaf. Rydyn ni'n gwybod bod "
                    "peth o'r wybodaeth rydych chi'n ei rhannu â ni yn breifat ac yn "
                    "sensitif.</p>"
                    "<h3>Beth rydyn ni'n ei gadw</h3>"
                    "<p>Ers mis Ebrill 2023, rydyn ni wedi cadw cofnodion aelodau yng "
                    "nghronfa ddata'r rhwydwaith. Gyda'ch caniatâd, mae'n cynnwys:</p>"
                    "<ul>"
                    "<li>eich enw</li>"
                    "<li>eich manylion cyswllt: rhif ffôn, cyfeiriad e-bost a chyfeiriad "
                    "post</li>"
                    "<li>sut yr hoffech chi i ni gysylltu â chi</li>"
                    "<li>a yw'n well gennych chi'r Gymraeg neu'r Saesneg</li>"
                    "<li>yr ardal lle rydych chi'n byw</li>"
                    "<li>y mathau o drosedd rydych chi wedi'u profi</li>"
                    "<li>manylion fel eich oedran, eich rhywedd a'ch ethnigrwydd. "
                    "Nodweddion gwarchodedig o dan y Ddeddf Cydraddoldeb yw'r rhain</li>"
                    "</ul>"
                    "<h3>Pam rydyn ni'n ei chadw</h3>"
                    "<p>Mae'r wybodaeth hon yn ein galluogi i wahodd yr aelodau iawn i bob "
                    "gweithgaredd, yn hytrach na chysylltu â phawb am bopeth. Mae hefyd yn "
                    "ein helpu i wirio a yw'r adborth rydyn ni'n ei gasglu yn adlewyrchu'r "
                    "amrywiaeth o bobl y mae trosedd wedi effeithio arnyn nhw yn "
                    "Nyfed-Powys.</p>"
                    "<h3>Pwy all ei gweld</h3>"
                    "<p>Dim ond tîm Swyddfa'r Comisiynydd sy'n gallu agor y gronfa ddata. "
                    "Dydyn ni ddim yn rhannu eich manylion â phartneriaid. Pan fyddwn ni'n "
                    "adrodd ar ganlyniadau, dydyn ni ddim yn enwi aelodau.</p>"
                    "<h3>Cadw'r wybodaeth yn ddiogel</h3>"
                    "<p>Mae Swyddfa'r Comisiynydd wedi cynnal asesiad o'r effaith ar "
                    "ddiogelu data, ac mae'n defnyddio cytundebau cyfrinachedd.</p>"
                    "<h3>Cymryd rhan heb roi eich enw</h3>"
                    "<p>Gallwch gyfrannu'n ddienw os yw'n well gennych chi. Dywedwch wrthym, "
                    "a byddwn ni'n dod o hyd i ffordd i chi gymryd rhan heb i'ch enw gael ei "
                    "gysylltu â'r hyn rydych chi'n ei ddweud.</p>"
                    "<h3>Beth na fyddwn ni byth yn ei ofyn</h3>"
                    "<p>Fyddwn ni byth yn gofyn i chi ddisgrifio beth ddigwyddodd i chi. "
                    "Peidiwch ag ysgrifennu am drosedd mewn unrhyw ffurflen neu neges rydych "
                    "chi'n ei hanfon atom.</p>"
                    "<p>Mae ein hysbysiad preifatrwydd yn egluro mwy am eich gwybodaeth a'ch "
                    "hawliau.</p>",
                ),
            ],
        },
        {
            "heading": "Aelodaeth",
            "body": [
                (
                    "paragraph",
                    "<p>Mae aelodaeth yn para tair blynedd o'r diwrnod y byddwch chi'n "
                    "ymuno. Tua diwedd y cyfnod hwnnw, byddwn ni'n gofyn a hoffech chi aros "
                    "am gyfnod arall. Os nad ydych chi eisiau gwneud hynny, neu os na fyddwn "
                    "ni'n clywed gennych chi, bydd eich aelodaeth yn dod i ben.</p>"
                    "<p>Gallwch adael ar unrhyw adeg, am unrhyw reswm. Does dim rhaid i chi "
                    "egluro pam. Rhowch wybod i ni, er mwyn i ni roi'r gorau i gysylltu â "
                    "chi. Gallwch ddewis a ydyn ni'n rhoi'r gorau i gysylltu â chi yn unig, "
                    "neu'n dileu eich gwybodaeth hefyd.</p>",
                ),
            ],
        },
        {
            "heading": "Ein haddewidion i chi",
            "body": [
                (
                    "paragraph",
                    "<p>Mae Swyddfa'r Comisiynydd yn addo:</p>"
                    "<ul>"
                    "<li>rhoi manylion llawn pob gweithgaredd i chi, er mwyn i chi allu "
                    "penderfynu a ydych chi am gymryd rhan</li>"
                    "<li>peidio byth â rhoi pwysau arnoch chi i rannu unrhyw beth nad ydych "
                    "chi am ei rannu</li>"
                    "<li>gwrando arnoch chi</li>"
                    "<li>eich parchu a chymryd yr hyn rydych chi'n ei ddweud o ddifrif</li>"
                    "<li>dweud wrthych chi sut cafodd eich adborth ei ystyried, a beth "
                    "newidiodd o ganlyniad</li>"
                    "<li>eich cyfeirio at wasanaethau cymorth os bydd angen</li>"
                    "</ul>"
                    "<p>Mae cymryd rhan bob amser yn wirfoddol. Dydy dweud na wrth "
                    "weithgaredd ddim yn effeithio ar eich aelodaeth, a gallwch chi stopio "
                    "hanner ffordd drwyddo os oes angen.</p>",
                ),
            ],
        },
        {
            "heading": "Beth rydyn ni'n ei ofyn i chi",
            "body": [
                (
                    "paragraph",
                    "<p>Er mwyn cadw'r rhwydwaith yn ddiogel ac yn ddefnyddiol i bawb, dyma "
                    "beth rydyn ni'n ei ofyn i chi:</p>"
                    "<ul>"
                    "<li>Cadwch eich manylion cyswllt yn gyfredol.</li>"
                    "<li>Rhowch wybod i ni os ydych chi eisiau gadael y rhwydwaith.</li>"
                    "<li>Rhowch wybod i ni os yw pwnc yn effeithio arnoch chi'n bersonol, "
                    "er mwyn i ni allu eich cyfeirio at gymorth.</li>"
                    "<li>Peidiwch â defnyddio'r rhwydwaith i fwrw ymlaen â'ch achos eich hun "
                    "neu â chwyn.</li>"
                    "<li>Peidiwch â defnyddio'r rhwydwaith i roi gwybod am drosedd neu am "
                    "fater gweithredol sy'n ymwneud â'r heddlu.</li>"
                    "<li>Peidiwch â rhannu gwybodaeth bersonol na sensitif mewn "
                    "gweithgareddau grŵp.</li>"
                    "<li>Byddwch yn gwrtais wrth aelodau eraill ac wrth staff.</li>"
                    "<li>Arhoswch o fewn y gyfraith: peidiwch â gwneud sylwadau sy'n "
                    "gwahaniaethu yn erbyn pobl, sy'n atgas neu sy'n ddifenwol.</li>"
                    "</ul>",
                ),
                (
                    "callout",
                    {
                        "style": "warning",
                        "heading": "Allwn ni ddim derbyn adroddiadau am droseddau",
                        "text": "<p>Peidiwch â defnyddio'r rhwydwaith na Swyddfa'r "
                        "Comisiynydd i roi gwybod am drosedd. Allwn ni ddim ymateb i "
                        "adroddiadau o'r fath.</p>"
                        "<ul>"
                        "<li>Mewn argyfwng, neu os ydych chi mewn perygl nawr, ffoniwch "
                        + _TEL_999
                        + ".</li>"
                        "<li>Pan nad yw'n argyfwng, ffoniwch " + _TEL_101 + " neu rhowch "
                        "wybod i'r heddlu ar-lein.</li>"
                        "</ul>",
                    },
                ),
                (
                    "paragraph",
                    "<p>Os oes gennych chi gwestiwn neu gŵyn am eich achos eich hun, "
                    "cysylltwch â'r sefydliad sy'n delio ag ef. Os nad ydych chi'n siŵr pwy "
                    "yw hwnnw, gallwn ni eich helpu i ddod o hyd i'r lle iawn.</p>",
                ),
            ],
        },
        {
            "heading": "Cysylltu â ni",
            "body": [
                (
                    "paragraph",
                    "<p>Byddwn ni'n cysylltu â chi drwy e-bost neu dros y ffôn yn bennaf, "
                    "gan ddefnyddio'r ffyrdd y dywedoch chi eu bod yn ddiogel i chi. Fydd "
                    "ein negeseuon e-bost a'n llythyrau ddim yn ailadrodd manylion sensitif. "
                    "Os bydd ffordd o gysylltu â chi yn peidio â bod yn ddiogel, rhowch "
                    "wybod i ni cyn gynted ag y gallwch chi.</p>"
                    "<p>Gallwch anfon e-bost at Swyddfa'r Comisiynydd yn " + _EMAIL + " neu "
                    "ffonio " + _PHONE + ".</p>"
                    "<p>Mae'r swyddfa ar agor rhwng 9am a 5pm, o ddydd Llun i ddydd Gwener. "
                    "Does neb yn edrych ar ein cyfryngau cymdeithasol y tu allan i'r oriau "
                    "hyn.</p>",
                ),
                (
                    "callout",
                    {
                        "style": "warning",
                        "heading": "Peidiwch byth â defnyddio'r cyfryngau cymdeithasol mewn "
                        "argyfwng",
                        "text": "<p>Dydy ein cyfryngau cymdeithasol ddim yn ffordd ddiogel o "
                        "ofyn am help brys. Os ydych chi mewn perygl, ffoniwch "
                        + _TEL_999
                        + ".</p>",
                    },
                ),
            ],
        },
    ],
}

_TERMS = {
    "key": "terms-of-reference",
    "type": "terms",
    "last_reviewed": "2025-04-01",
    "en": _TERMS_EN,
    "cy": _TERMS_CY,
}


# ---------------------------------------------------------------------------
# Support (the list of services comes from SUPPORT_SERVICES, not from the body)
# ---------------------------------------------------------------------------

_SUPPORT = {
    "key": "support",
    "type": "support",
    "en": {
        "slug": "support",
        "title": "Get support",
        "intro": (
            "These services can help you whether or not you join the network, and whether "
            "or not you have reported a crime."
        ),
        "body": [
            (
                "callout",
                {
                    "style": "warning",
                    "heading": "If you are in danger now",
                    "text": "<p>Call " + _TEL_999 + " and ask for the police.</p>"
                    "<p>If you call 999 but cannot speak, stay on the line and listen. If "
                    "you are using a mobile phone, press 55 when the recorded message asks "
                    "you to. Your call will then be put through to the police. This is "
                    "called the Silent Solution.</p>",
                },
            ),
            (
                "paragraph",
                "<p>The contacts on this page are grouped by the kind of help they offer. "
                "If your situation involves domestic abuse, sexual violence or violence "
                "against women, and you are not sure where to start, Live Fear Free is "
                "open 24 hours a day.</p>"
                "<p>It is never too late to ask for help, even if what happened was a long "
                "time ago.</p>"
                "<p>If you are a member of the network and an activity brings back "
                "difficult memories, please tell us. We can point you to support. You can "
                "stop taking part at any time.</p>"
                "<p>To report a crime, call "
                + _TEL_999
                + " in an emergency, or "
                + _TEL_101
                + " when it is not an emergency. You can also report online to "
                "the police. Please do not report crimes to the network.</p>",
            ),
            ("heading", "If something on this page is wrong"),
            (
                "paragraph",
                "<p>If a phone number or website on this page does not work, please let us "
                "know by emailing " + _EMAIL + ", so that we can correct it.</p>",
            ),
        ],
    },
    "cy": {
        "slug": "cymorth",
        "title": "Cael cymorth",
        "intro": (
            "Gall y gwasanaethau hyn eich helpu p'un a ydych chi'n ymuno â'r rhwydwaith "
            "ai peidio, a ph'un a ydych chi wedi rhoi gwybod i'r heddlu am drosedd ai "
            "peidio."
        ),
        "body": [
            (
                "callout",
                {
                    "style": "warning",
                    "heading": "Os ydych chi mewn perygl nawr",
                    "text": "<p>Ffoniwch " + _TEL_999 + " a gofynnwch am yr heddlu.</p>"
                    "<p>Os ydych chi'n ffonio 999 ond yn methu siarad, arhoswch ar y lein a "
                    "gwrandewch. Os ydych chi'n defnyddio ffôn symudol, pwyswch 55 pan fydd "
                    "y neges wedi'i recordio yn gofyn i chi wneud hynny. Yna bydd eich "
                    "galwad yn cael ei throsglwyddo i'r heddlu. Silent Solution yw'r enw ar "
                    "y gwasanaeth hwn.</p>",
                },
            ),
            (
                "paragraph",
                "<p>Mae'r cysylltiadau ar y dudalen hon wedi'u grwpio yn ôl y math o gymorth "
                "maen nhw'n ei gynnig. Os oes cam-drin domestig, trais rhywiol neu drais yn "
                "erbyn menywod yn rhan o'ch sefyllfa, ac nad ydych chi'n siŵr ble i "
                "ddechrau, mae Byw Heb Ofn ar agor 24 awr y dydd.</p>"
                "<p>Dydy hi byth yn rhy hwyr i ofyn am gymorth, hyd yn oed os digwyddodd "
                "y cyfan amser maith yn ôl.</p>"
                "<p>Os ydych chi'n aelod o'r rhwydwaith a bod gweithgaredd yn codi atgofion "
                "anodd, rhowch wybod i ni. Gallwn ni eich cyfeirio at gymorth. Gallwch roi'r "
                "gorau i gymryd rhan ar unrhyw adeg.</p>"
                "<p>I roi gwybod am drosedd, ffoniwch "
                + _TEL_999
                + " mewn argyfwng, neu "
                + _TEL_101
                + " pan nad yw'n argyfwng. Gallwch hefyd roi gwybod i'r heddlu "
                "ar-lein. Peidiwch â rhoi gwybod am droseddau i'r rhwydwaith.</p>",
            ),
            ("heading", "Os oes rhywbeth yn anghywir ar y dudalen hon"),
            (
                "paragraph",
                "<p>Os nad yw rhif ffôn neu wefan ar y dudalen hon yn gweithio, rhowch "
                "wybod i ni drwy anfon e-bost at " + _EMAIL + ", er mwyn i ni allu cywiro'r "
                "manylion.</p>",
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# Privacy notice
# ---------------------------------------------------------------------------

_PRIVACY = {
    "key": "privacy",
    "type": "content",
    "en": {
        "slug": "privacy-notice",
        "title": "Privacy notice",
        "intro": (
            "How we look after your information when you join the network or take part "
            "in its activities."
        ),
        "body": [
            ("heading", "Who looks after your information"),
            (
                "paragraph",
                "<p>The Office of the Police and Crime Commissioner for Dyfed-Powys (OPCC) "
                "runs the network. The OPCC is the data controller. This means it decides "
                "how your information is used, and it is responsible for keeping it "
                "safe.</p>",
            ),
            ("heading", "What we collect"),
            (
                "paragraph",
                "<p>When you join, we ask for the following information:</p>"
                "<ul>"
                "<li>your name, and the word you prefer for yourself: victim, survivor, "
                "injured party, or a word of your own</li>"
                "<li>your contact details: phone number, email address or postal address "
                "(at least one of these)</li>"
                "<li>how you would like us to contact you, and which ways are safe for "
                "you</li>"
                "<li>whether you prefer Welsh or English</li>"
                "<li>the area where you live</li>"
                "<li>which ways of taking part suit you</li>"
                "<li>if you give separate consent, the types of crime you have "
                "experienced</li>"
                "<li>if you give separate consent, details such as your age group, gender, "
                "ethnicity and whether you have a disability. Each of these is "
                "optional</li>"
                "</ul>"
                "<p>We will never ask you to describe what happened to you. Please do not "
                "include this in any form or message.</p>",
            ),
            ("heading", "Why we collect it"),
            (
                "paragraph",
                "<p>We use your information to:</p>"
                "<ul>"
                "<li>invite you to activities that are relevant to you</li>"
                "<li>contact you in a way that is safe for you</li>"
                "<li>check that the people taking part reflect the range of people affected "
                "by crime in Dyfed-Powys</li>"
                "<li>manage your membership, including renewing it</li>"
                "</ul>",
            ),
            ("heading", "Our lawful basis"),
            (
                "paragraph",
                "<p>We rely on your consent. You give it when you join. You give separate "
                "consent for us to keep the types of crime you have experienced, and for "
                "personal details such as age and ethnicity. Nothing is ticked for you in "
                "advance. You can withdraw any consent at any time.</p>",
            ),
            ("heading", "Who can see it"),
            (
                "paragraph",
                "<p>Only the OPCC engagement team can see member records. We keep a record "
                "each time a member of staff looks at or changes a member's details. "
                "Partners who ask for feedback do not get your details. We share results "
                "without names, and only in groups large enough that nobody can be "
                "identified. We never repeat sensitive details in emails or letters.</p>",
            ),
            ("heading", "How long we keep it"),
            (
                "paragraph",
                "<p>Membership lasts three years. Before it ends, we will ask whether you "
                "would like to renew. If you do not renew, or if you leave, we keep your "
                "record for a set retention period. After that, we delete it or make it "
                "anonymous.</p>",
            ),
            ("heading", "Your rights"),
            (
                "paragraph",
                "<p>You have the right to:</p>"
                "<ul>"
                "<li>get a copy of the information we hold about you</li>"
                "<li>ask us to correct anything that is wrong</li>"
                "<li>ask us to delete your information</li>"
                "<li>withdraw your consent at any time</li>"
                "</ul>"
                "<p>If you want to leave, you can ask us simply to stop contacting you, or "
                "to delete your information as well. To use any of these rights, contact "
                "the office.</p>",
            ),
            ("heading", "Contact us"),
            (
                "paragraph",
                "<p>Email " + _EMAIL + " or call " + _PHONE + ", Monday to Friday, 9am to 5pm.</p>",
            ),
            ("heading", "Making a complaint"),
            (
                "paragraph",
                "<p>If you are unhappy with how we have handled your information, please "
                "tell us first, so that we can try to put it right. You also have the "
                "right to complain to the Information Commissioner's Office, which "
                "regulates data protection in the UK.</p>",
            ),
            ("heading", "Cookies"),
            (
                "paragraph",
                "<p>This website does not use cookies to track you or to show you "
                "advertising. Our Cookies page explains the few cookies we do use.</p>",
            ),
        ],
    },
    "cy": {
        "slug": "hysbysiad-preifatrwydd",
        "title": "Hysbysiad preifatrwydd",
        "intro": (
            "Sut rydyn ni'n gofalu am eich gwybodaeth pan fyddwch chi'n ymuno â'r "
            "rhwydwaith neu'n cymryd rhan yn ei weithgareddau."
        ),
        "body": [
            ("heading", "Pwy sy'n gofalu am eich gwybodaeth"),
            (
                "paragraph",
                "<p>Swyddfa Comisiynydd yr Heddlu a Throseddu Dyfed-Powys sy'n rhedeg y "
                "rhwydwaith. Y Swyddfa yw'r rheolydd data. Mae hyn yn golygu mai hi sy'n "
                "penderfynu sut mae eich gwybodaeth yn cael ei defnyddio, a hi sy'n "
                "gyfrifol am ei chadw'n ddiogel.</p>",
            ),
            ("heading", "Beth rydyn ni'n ei gasglu"),
            (
                "paragraph",
                "<p>Pan fyddwch chi'n ymuno, rydyn ni'n gofyn am y wybodaeth "
                "ganlynol:</p>"
                "<ul>"
                "<li>eich enw, a'r gair sydd orau gennych chi i ddisgrifio eich hun: "
                "dioddefwr, goroeswr, parti a anafwyd, neu eich gair eich hun</li>"
                "<li>eich manylion cyswllt: rhif ffôn, cyfeiriad e-bost neu gyfeiriad post "
                "(o leiaf un o'r rhain)</li>"
                "<li>sut yr hoffech chi i ni gysylltu â chi, a pha ffyrdd sy'n ddiogel i "
                "chi</li>"
                "<li>a yw'n well gennych chi'r Gymraeg neu'r Saesneg</li>"
                "<li>yr ardal lle rydych chi'n byw</li>"
                "<li>pa ffyrdd o gymryd rhan sy'n addas i chi</li>"
                "<li>os byddwch chi'n rhoi caniatâd ar wahân, y mathau o drosedd rydych "
                "chi wedi'u profi</li>"
                "<li>os byddwch chi'n rhoi caniatâd ar wahân, manylion fel eich grŵp "
                "oedran, eich rhywedd, eich ethnigrwydd ac a oes gennych chi anabledd. Mae "
                "pob un o'r rhain yn ddewisol</li>"
                "</ul>"
                "<p>Fyddwn ni byth yn gofyn i chi ddisgrifio beth ddigwyddodd i chi. "
                "Peidiwch â chynnwys hyn mewn unrhyw ffurflen neu neges.</p>",
            ),
            ("heading", "Pam rydyn ni'n ei chasglu"),
            (
                "paragraph",
                "<p>Rydyn ni'n defnyddio eich gwybodaeth er mwyn:</p>"
                "<ul>"
                "<li>eich gwahodd i weithgareddau sy'n berthnasol i chi</li>"
                "<li>cysylltu â chi mewn ffordd sy'n ddiogel i chi</li>"
                "<li>gwirio bod y bobl sy'n cymryd rhan yn adlewyrchu'r amrywiaeth o bobl "
                "y mae trosedd wedi effeithio arnyn nhw yn Nyfed-Powys</li>"
                "<li>rheoli eich aelodaeth, gan gynnwys ei hadnewyddu</li>"
                "</ul>",
            ),
            ("heading", "Ein sail gyfreithlon"),
            (
                "paragraph",
                "<p>Rydyn ni'n dibynnu ar eich caniatâd. Rydych chi'n ei roi pan fyddwch "
                "chi'n ymuno. Rydych chi'n rhoi caniatâd ar wahân i ni gadw'r mathau o "
                "drosedd rydych chi wedi'u profi, ac i ni gadw manylion personol fel "
                "oedran ac ethnigrwydd. Does dim byd wedi'i dicio ar eich rhan ymlaen "
                "llaw. Gallwch dynnu unrhyw ganiatâd yn ôl ar unrhyw adeg.</p>",
            ),
            ("heading", "Pwy all ei gweld"),
            (
                "paragraph",
                "<p>Dim ond tîm ymgysylltu Swyddfa'r Comisiynydd sy'n gallu gweld "
                "cofnodion aelodau. Rydyn ni'n cadw cofnod bob tro y mae aelod o staff yn "
                "edrych ar fanylion aelod neu'n eu newid. Dydy'r partneriaid sy'n gofyn am "
                "adborth ddim yn cael eich manylion. Rydyn ni'n rhannu canlyniadau heb "
                "enwau, a dim ond mewn grwpiau sy'n ddigon mawr fel na all neb gael ei "
                "adnabod. Fyddwn ni byth yn ailadrodd manylion sensitif mewn negeseuon "
                "e-bost na llythyrau.</p>",
            ),
            ("heading", "Am ba hyd rydyn ni'n ei chadw"),
            (
                "paragraph",
                "<p>Mae aelodaeth yn para tair blynedd. Cyn iddi ddod i ben, byddwn ni'n "
                "gofyn a hoffech chi ei hadnewyddu. Os na fyddwch chi'n adnewyddu, neu os "
                "byddwch chi'n gadael, byddwn ni'n cadw eich cofnod am gyfnod cadw penodol. "
                "Ar ôl hynny, byddwn ni'n ei ddileu neu'n ei wneud yn ddienw.</p>",
            ),
            ("heading", "Eich hawliau"),
            (
                "paragraph",
                "<p>Mae gennych chi hawl i:</p>"
                "<ul>"
                "<li>gael copi o'r wybodaeth rydyn ni'n ei chadw amdanoch chi</li>"
                "<li>ofyn i ni gywiro unrhyw beth sy'n anghywir</li>"
                "<li>ofyn i ni ddileu eich gwybodaeth</li>"
                "<li>dynnu eich caniatâd yn ôl ar unrhyw adeg</li>"
                "</ul>"
                "<p>Os ydych chi am adael, gallwch ofyn i ni roi'r gorau i gysylltu â chi "
                "yn unig, neu ddileu eich gwybodaeth hefyd. I ddefnyddio unrhyw un o'r "
                "hawliau hyn, cysylltwch â'r swyddfa.</p>",
            ),
            ("heading", "Cysylltu â ni"),
            (
                "paragraph",
                "<p>Anfonwch e-bost at " + _EMAIL + " neu ffoniwch " + _PHONE + ", rhwng "
                "9am a 5pm, o ddydd Llun i ddydd Gwener.</p>",
            ),
            ("heading", "Gwneud cwyn"),
            (
                "paragraph",
                "<p>Os nad ydych chi'n fodlon â'r ffordd rydyn ni wedi trin eich "
                "gwybodaeth, rhowch wybod i ni yn gyntaf, er mwyn i ni geisio datrys y "
                "mater. Mae gennych chi hefyd hawl i gwyno i Swyddfa'r Comisiynydd "
                "Gwybodaeth, sy'n rheoleiddio diogelu data yn y Deyrnas Unedig.</p>",
            ),
            ("heading", "Cwcis"),
            (
                "paragraph",
                "<p>Nid yw'r wefan hon yn defnyddio cwcis i'ch tracio nac i ddangos "
                "hysbysebion i chi. Mae'r dudalen Cwcis yn egluro pa gwcis rydyn ni'n eu "
                "defnyddio.</p>",
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# Accessibility statement
# ---------------------------------------------------------------------------

_ACCESSIBILITY = {
    "key": "accessibility",
    "type": "content",
    "en": {
        "slug": "accessibility-statement",
        "title": "Accessibility statement",
        "intro": (
            "We want everyone to be able to use this website, including people who use "
            "assistive technology."
        ),
        "body": [
            ("heading", "Our aim"),
            (
                "paragraph",
                "<p>The Office of the Police and Crime Commissioner for Dyfed-Powys runs "
                "this website. We aim to meet the Web Content Accessibility Guidelines "
                "(WCAG) 2.2 at level AA.</p>",
            ),
            ("heading", "What you should be able to do"),
            (
                "paragraph",
                "<p>You should be able to:</p>"
                "<ul>"
                "<li>zoom in up to 400% without the text spilling off the screen</li>"
                "<li>use the website on a mobile phone or a tablet</li>"
                "<li>move around the website using only a keyboard</li>"
                "<li>use a screen reader to read every page</li>"
                "<li>change colours, contrast and fonts using your browser settings</li>"
                "<li>read every page in Welsh or in English, and switch to the same page "
                "in the other language</li>"
                "<li>use the Quick exit button with a keyboard as well as with a mouse or "
                "by touch</li>"
                "</ul>",
            ),
            ("heading", "Welsh and English"),
            (
                "paragraph",
                "<p>All our content is available in Welsh and in English. The Welsh and "
                "English versions have equal standing. If a page is not yet ready in one "
                "language, the language switch will tell you so.</p>",
            ),
            ("heading", "If something does not work for you"),
            (
                "paragraph",
                "<p>If you find a problem with this website, or you need information in a "
                "different format, please contact us. Email "
                + _EMAIL
                + " or call "
                + _PHONE
                + ".</p>"
                "<p>Please tell us the web address of the page and what went wrong. We will "
                "look into it and reply to you.</p>",
            ),
            ("heading", "Enforcement procedure"),
            (
                "paragraph",
                "<p>If you are not happy with how we respond, the Equality and Human Rights "
                "Commission is the body that makes sure public sector websites follow the "
                "accessibility rules.</p>",
            ),
            ("heading", "Improving the website"),
            (
                "paragraph",
                "<p>We keep working to improve this website. If we find parts that do not "
                "meet the standard, we will list them on this page and explain what we are "
                "doing about them.</p>",
            ),
        ],
    },
    "cy": {
        "slug": "datganiad-hygyrchedd",
        "title": "Datganiad hygyrchedd",
        "intro": (
            "Rydyn ni eisiau i bawb allu defnyddio'r wefan hon, gan gynnwys pobl sy'n "
            "defnyddio technoleg gynorthwyol."
        ),
        "body": [
            ("heading", "Ein nod"),
            (
                "paragraph",
                "<p>Swyddfa Comisiynydd yr Heddlu a Throseddu Dyfed-Powys sy'n rhedeg y "
                "wefan hon. Ein nod yw bodloni Canllawiau Hygyrchedd Cynnwys y We (WCAG) "
                "2.2 ar lefel AA.</p>",
            ),
            ("heading", "Beth y dylech chi allu ei wneud"),
            (
                "paragraph",
                "<p>Dylech chi allu:</p>"
                "<ul>"
                "<li>chwyddo hyd at 400% heb i'r testun fynd oddi ar y sgrin</li>"
                "<li>defnyddio'r wefan ar ffôn symudol neu lechen</li>"
                "<li>symud o gwmpas y wefan gan ddefnyddio bysellfwrdd yn unig</li>"
                "<li>defnyddio darllenydd sgrin i ddarllen pob tudalen</li>"
                "<li>newid lliwiau, cyferbyniad a ffontiau drwy osodiadau eich porwr</li>"
                "<li>darllen pob tudalen yn Gymraeg neu yn Saesneg, a newid i'r un dudalen "
                "yn yr iaith arall</li>"
                "<li>defnyddio'r botwm 'Gadael yn gyflym' gyda bysellfwrdd, yn ogystal â "
                "gyda llygoden neu drwy gyffwrdd</li>"
                "</ul>",
            ),
            ("heading", "Cymraeg a Saesneg"),
            (
                "paragraph",
                "<p>Mae ein holl gynnwys ar gael yn Gymraeg ac yn Saesneg. Mae gan y "
                "fersiynau Cymraeg a Saesneg statws cyfartal. Os nad yw tudalen yn barod "
                "eto mewn un iaith, bydd y ddolen newid iaith yn dweud hynny wrthych "
                "chi.</p>",
            ),
            ("heading", "Os nad yw rhywbeth yn gweithio i chi"),
            (
                "paragraph",
                "<p>Os byddwch chi'n dod o hyd i broblem gyda'r wefan hon, neu os oes angen "
                "gwybodaeth arnoch chi mewn fformat gwahanol, cysylltwch â ni. Anfonwch "
                "e-bost at " + _EMAIL + " neu ffoniwch " + _PHONE + ".</p>"
                "<p>Dywedwch wrthym gyfeiriad gwe'r dudalen a beth aeth o'i le. Byddwn ni'n "
                "edrych ar y broblem ac yn ymateb i chi.</p>",
            ),
            ("heading", "Gweithdrefn orfodi"),
            (
                "paragraph",
                "<p>Os nad ydych chi'n fodlon â'n hymateb, y Comisiwn Cydraddoldeb a "
                "Hawliau Dynol yw'r corff sy'n sicrhau bod gwefannau'r sector cyhoeddus yn "
                "dilyn y rheolau hygyrchedd.</p>",
            ),
            ("heading", "Gwella'r wefan"),
            (
                "paragraph",
                "<p>Rydyn ni'n dal i weithio i wella'r wefan hon. Os byddwn ni'n dod o hyd "
                "i rannau nad ydyn nhw'n bodloni'r safon, byddwn ni'n eu rhestru ar y "
                "dudalen hon ac yn egluro beth rydyn ni'n ei wneud amdanyn nhw.</p>",
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# Cookies
# ---------------------------------------------------------------------------

_COOKIES = {
    "key": "cookies",
    "type": "content",
    "en": {
        "slug": "cookies",
        "title": "Cookies",
        "intro": (
            "Cookies are small files that a website saves on your device. We only use the "
            "cookies this website needs to work."
        ),
        "body": [
            ("heading", "The cookies we use"),
            (
                "paragraph",
                "<p>We only use strictly necessary cookies. You do not need to agree to "
                "them, because the website cannot work properly without them.</p>"
                "<h3>Language and session</h3>"
                "<p>This cookie remembers your choices while you use the website, for "
                "example whether you are reading in Welsh or in English.</p>"
                "<h3>Security</h3>"
                "<p>When you fill in a form, such as the join form, we set a security "
                "cookie. It protects you from other websites that try to send a form in "
                "your name. This is sometimes called a CSRF cookie.</p>",
            ),
            ("heading", "The check on the join form"),
            (
                "paragraph",
                "<p>The join form uses reCAPTCHA, a service from Google, to check that a "
                "real person is filling it in and not an automated program.</p>"
                "<p>reCAPTCHA loads only on the join form page. We do not use it anywhere "
                "else on this website. When it loads, Google may set its own cookies and "
                "collect information about your device and how you use the page. "
                "Google's own privacy policy covers this.</p>",
            ),
            ("heading", "What we do not use"),
            (
                "paragraph",
                "<p>We do not use:</p>"
                "<ul>"
                "<li>analytics cookies that count or follow visitors</li>"
                "<li>advertising cookies</li>"
                "<li>cookies that track you across other websites</li>"
                "</ul>",
            ),
            ("heading", "Controlling cookies"),
            (
                "paragraph",
                "<p>You can delete or block cookies in your browser settings. If you block "
                "the strictly necessary cookies, some parts of the website, such as the "
                "join form, may not work.</p>",
            ),
            ("heading", "Cookies and your safety"),
            (
                "paragraph",
                "<p>Cookies can show someone else who uses your device that you have "
                "visited this website. Our Cover your tracks online page explains how to "
                "clear cookies, and why clearing only some of them may be safer.</p>",
            ),
        ],
    },
    "cy": {
        "slug": "cwcis",
        "title": "Cwcis",
        "intro": (
            "Ffeiliau bach y mae gwefan yn eu cadw ar eich dyfais yw cwcis. Dim ond y "
            "cwcis sydd eu hangen ar y wefan hon er mwyn gweithio rydyn ni'n eu "
            "defnyddio."
        ),
        "body": [
            ("heading", "Y cwcis rydyn ni'n eu defnyddio"),
            (
                "paragraph",
                "<p>Dim ond cwcis hollol angenrheidiol rydyn ni'n eu defnyddio. Does dim "
                "angen i chi gytuno iddyn nhw, oherwydd ni all y wefan weithio'n iawn "
                "hebddyn nhw.</p>"
                "<h3>Iaith a sesiwn</h3>"
                "<p>Mae'r cwci hwn yn cofio eich dewisiadau tra byddwch chi'n defnyddio'r "
                "wefan, er enghraifft a ydych chi'n darllen yn Gymraeg neu yn Saesneg.</p>"
                "<h3>Diogelwch</h3>"
                "<p>Pan fyddwch chi'n llenwi ffurflen, fel y ffurflen ymuno, rydyn ni'n "
                "gosod cwci diogelwch. Mae'n eich diogelu rhag gwefannau eraill sy'n ceisio "
                "anfon ffurflen yn eich enw chi. Weithiau, cwci CSRF yw'r enw arno.</p>",
            ),
            ("heading", "Y gwiriad ar y ffurflen ymuno"),
            (
                "paragraph",
                "<p>Mae'r ffurflen ymuno yn defnyddio reCAPTCHA, gwasanaeth gan Google, i "
                "wirio mai person go iawn sy'n ei llenwi ac nid rhaglen awtomatig.</p>"
                "<p>Dim ond ar dudalen y ffurflen ymuno y mae reCAPTCHA yn llwytho. Dydyn ni "
                "ddim yn ei ddefnyddio yn unman arall ar y wefan hon. Pan fydd yn llwytho, "
                "gall Google osod ei gwcis ei hun a chasglu gwybodaeth am eich dyfais a sut "
                "rydych chi'n defnyddio'r dudalen. Mae polisi preifatrwydd Google ei hun yn "
                "berthnasol i hyn.</p>",
            ),
            ("heading", "Beth nad ydyn ni'n ei ddefnyddio"),
            (
                "paragraph",
                "<p>Dydyn ni ddim yn defnyddio:</p>"
                "<ul>"
                "<li>cwcis dadansoddi sy'n cyfrif neu'n dilyn ymwelwyr</li>"
                "<li>cwcis hysbysebu</li>"
                "<li>cwcis sy'n eich tracio ar draws gwefannau eraill</li>"
                "</ul>",
            ),
            ("heading", "Rheoli cwcis"),
            (
                "paragraph",
                "<p>Gallwch ddileu neu rwystro cwcis yng ngosodiadau eich porwr. Os byddwch "
                "chi'n rhwystro'r cwcis hollol angenrheidiol, efallai na fydd rhai rhannau "
                "o'r wefan, fel y ffurflen ymuno, yn gweithio.</p>",
            ),
            ("heading", "Cwcis a'ch diogelwch"),
            (
                "paragraph",
                "<p>Gall cwcis ddangos i rywun arall sy'n defnyddio eich dyfais eich bod "
                "wedi ymweld â'r wefan hon. Mae'r dudalen Cuddio eich olion ar-lein yn "
                "egluro sut i glirio cwcis, a pham y gallai fod yn fwy diogel clirio rhai "
                "ohonyn nhw yn unig.</p>",
            ),
        ],
    },
}


# ---------------------------------------------------------------------------
# Cover your tracks
# ---------------------------------------------------------------------------

_COVER = {
    "key": "cover-your-tracks",
    "type": "content",
    "en": {
        "slug": "cover-your-tracks",
        "title": "Cover your tracks online",
        "intro": (
            "If you are worried that someone might check what you do online, these steps "
            "can help you stay safer when you use this website."
        ),
        "body": [
            (
                "callout",
                {
                    "style": "info",
                    "heading": "No method is perfect",
                    "text": "<p>If you think someone is watching your phone or computer, "
                    "the safest choice is to use a different device that they cannot "
                    "get to.</p>",
                },
            ),
            ("heading", "What the Quick exit button does"),
            (
                "paragraph",
                "<p>There is a Quick exit button on every page of this website. When you "
                "use it, the page is hidden straight away, and a neutral website, such as "
                "a weather forecast, opens in its place. You can also leave quickly by "
                "pressing the Shift key three times.</p>"
                "<p>In your browser's history, Quick exit replaces the page you were "
                "reading. But earlier pages of this website stay in the history.</p>",
            ),
            ("heading", "What Quick exit cannot do"),
            (
                "paragraph",
                "<p>Quick exit helps you leave fast. It cannot hide the fact that you have "
                "been here. It does not:</p>"
                "<ul>"
                "<li>remove this website from your browser history. Pages you looked at "
                "before the one you left will still be there</li>"
                "<li>hide your visit from someone who checks your browser history</li>"
                "<li>hide your visit from your internet provider</li>"
                "<li>stop the Back button from showing earlier pages of this website</li>"
                "<li>protect you on a shared device or a shared account, where other "
                "people may see what you have done</li>"
                "</ul>",
            ),
            ("heading", "Steps you can take"),
            (
                "paragraph",
                "<h3>Use private browsing</h3>"
                "<p>Most browsers have a private mode, sometimes called incognito or "
                "InPrivate. Pages you visit in a private window are not kept in your "
                "history once you close it. Close the window when you have finished. "
                "Private browsing does not hide your visit from your internet "
                "provider.</p>"
                "<h3>Delete single pages from your history</h3>"
                "<p>Open your browser's history. It is usually in the browser's menu, "
                "under 'History'. On many computers, pressing Ctrl and H opens it. Find "
                "the pages from this website and delete only those entries.</p>"
                "<h3>Think before you clear everything</h3>"
                "<p>If someone checks your device often, a history that is suddenly empty "
                "may look unusual and lead to questions. Deleting only the entries for "
                "this website may be safer.</p>"
                "<h3>Clear cookies and the cache</h3>"
                "<p>Websites save small files on your device, called cookies and the "
                "cache. These can show which websites you have visited. You can clear them "
                "in your browser's settings, usually under 'Privacy' or 'History'. Again, "
                "someone may notice if you clear everything at once.</p>"
                "<h3>Use a safer device</h3>"
                "<p>If you can, use a device that the person you are worried about cannot "
                "get to. This could be a computer in a public library, or the phone of a "
                "friend you trust.</p>"
                "<h3>Check shared accounts and saved passwords</h3>"
                "<p>If you share an email, Google, Apple or Microsoft account with someone, "
                "they may be able to see your history, searches or location on other "
                "devices. Check which devices are signed in to your accounts. Check too "
                "whether your browser saves passwords or fills in forms for you, and "
                "remove anything you do not want others to see.</p>"
                "<p>When you join the network, you can tell us which ways of contacting "
                "you are safe.</p>",
            ),
            ("heading", "Getting help"),
            (
                "paragraph",
                "<p>If you are worried about your safety, the services on our support page "
                "can help. In an emergency, call " + _TEL_999 + ".</p>",
            ),
        ],
    },
    "cy": {
        "slug": "cuddio-eich-olion",
        "title": "Cuddio eich olion ar-lein",
        "intro": (
            "Os ydych chi'n poeni y gallai rhywun edrych ar yr hyn rydych chi'n ei wneud "
            "ar-lein, gall y camau hyn eich helpu i fod yn fwy diogel wrth ddefnyddio'r "
            "wefan hon."
        ),
        "body": [
            (
                "callout",
                {
                    "style": "info",
                    "heading": "Does dim un dull yn berffaith",
                    "text": "<p>Os ydych chi'n meddwl bod rhywun yn cadw llygad ar eich "
                    "ffôn neu eich cyfrifiadur, y dewis mwyaf diogel yw defnyddio dyfais "
                    "arall nad ydyn nhw'n gallu ei chyrraedd.</p>",
                },
            ),
            ("heading", "Beth mae'r botwm 'Gadael yn gyflym' yn ei wneud"),
            (
                "paragraph",
                "<p>Mae botwm 'Gadael yn gyflym' ar bob tudalen o'r wefan hon. Pan fyddwch "
                "chi'n ei ddefnyddio, mae'r dudalen yn cael ei chuddio ar unwaith, ac mae "
                "gwefan niwtral, fel rhagolygon y tywydd, yn agor yn ei lle. Gallwch hefyd "
                "adael yn gyflym drwy bwyso'r fysell Shift dair gwaith.</p>"
                "<p>Yn hanes eich porwr, mae'r botwm yn disodli'r dudalen roeddech chi'n "
                "ei darllen. Ond mae tudalennau cynharach o'r wefan hon yn aros yn yr "
                "hanes.</p>",
            ),
            ("heading", "Beth na all y botwm 'Gadael yn gyflym' ei wneud"),
            (
                "paragraph",
                "<p>Mae'r botwm yn eich helpu i adael yn gyflym. Ni all guddio'r ffaith "
                "eich bod chi wedi bod yma. Nid yw'n:</p>"
                "<ul>"
                "<li>tynnu'r wefan hon o hanes eich porwr. Bydd y tudalennau y buoch chi'n "
                "edrych arnyn nhw cyn yr un y gwnaethoch chi ei gadael yno o hyd</li>"
                "<li>cuddio eich ymweliad rhag rhywun sy'n edrych ar hanes eich porwr</li>"
                "<li>cuddio eich ymweliad rhag eich darparwr gwasanaeth rhyngrwyd</li>"
                "<li>atal y botwm 'Yn ôl' rhag dangos tudalennau cynharach o'r wefan "
                "hon</li>"
                "<li>eich diogelu ar ddyfais neu gyfrif a rennir, lle gall pobl eraill weld "
                "beth rydych chi wedi'i wneud</li>"
                "</ul>",
            ),
            ("heading", "Camau y gallwch chi eu cymryd"),
            (
                "paragraph",
                "<h3>Defnyddio pori preifat</h3>"
                "<p>Mae gan y rhan fwyaf o borwyr fodd preifat, sydd weithiau'n cael ei "
                "alw'n incognito neu'n InPrivate. Dydy'r tudalennau rydych chi'n ymweld â "
                "nhw mewn ffenestr breifat ddim yn cael eu cadw yn eich hanes ar ôl i chi "
                "ei chau. Caewch y ffenestr pan fyddwch chi wedi gorffen. Dydy pori preifat "
                "ddim yn cuddio eich ymweliad rhag eich darparwr gwasanaeth "
                "rhyngrwyd.</p>"
                "<h3>Dileu tudalennau unigol o'ch hanes</h3>"
                "<p>Agorwch hanes eich porwr. Fel arfer, mae i'w gael yn newislen y porwr, o dan "
                "'Hanes'. Ar lawer o gyfrifiaduron, mae pwyso Ctrl a H yn ei agor. "
                "Chwiliwch am y tudalennau o'r wefan hon, a dilëwch y cofnodion hynny yn "
                "unig.</p>"
                "<h3>Meddwl cyn clirio popeth</h3>"
                "<p>Os oes rhywun yn edrych ar eich dyfais yn aml, gall hanes sydd wedi'i "
                "glirio'n sydyn edrych yn anarferol ac arwain at gwestiynau. Efallai y "
                "byddai'n fwy diogel dileu'r cofnodion ar gyfer y wefan hon yn unig.</p>"
                "<h3>Clirio cwcis a'r storfa dros dro</h3>"
                "<p>Mae gwefannau'n cadw ffeiliau bach ar eich dyfais, sef cwcis a'r storfa "
                "dros dro (cache). Gall y rhain ddangos pa wefannau rydych chi wedi ymweld "
                "â nhw. Gallwch eu clirio yng ngosodiadau eich porwr, fel arfer o dan "
                "'Preifatrwydd' neu 'Hanes'. Eto, efallai y bydd rhywun yn sylwi os "
                "byddwch chi'n clirio popeth ar unwaith.</p>"
                "<h3>Defnyddio dyfais fwy diogel</h3>"
                "<p>Os gallwch chi, defnyddiwch ddyfais nad yw'r person rydych chi'n poeni "
                "amdano yn gallu ei chyrraedd. Gallai hyn fod yn gyfrifiadur mewn llyfrgell "
                "gyhoeddus, neu'n ffôn ffrind rydych chi'n ymddiried ynddo.</p>"
                "<h3>Gwirio cyfrifon a rennir a chyfrineiriau sydd wedi'u cadw</h3>"
                "<p>Os ydych chi'n rhannu cyfrif e-bost, Google, Apple neu Microsoft â "
                "rhywun, efallai y gallan nhw weld eich hanes, eich chwiliadau neu eich "
                "lleoliad ar ddyfeisiau eraill. Gwiriwch pa ddyfeisiau sydd wedi "
                "mewngofnodi i'ch cyfrifon. Gwiriwch hefyd a yw eich porwr yn cadw "
                "cyfrineiriau neu'n llenwi ffurflenni ar eich rhan, a thynnwch unrhyw beth "
                "nad ydych chi am i eraill ei weld.</p>"
                "<p>Pan fyddwch chi'n ymuno â'r rhwydwaith, gallwch ddweud wrthym pa ffyrdd "
                "o gysylltu â chi sy'n ddiogel.</p>",
            ),
            ("heading", "Cael help"),
            (
                "paragraph",
                "<p>Os ydych chi'n poeni am eich diogelwch, gall y gwasanaethau ar ein "
                "tudalen gymorth helpu. Mewn argyfwng, ffoniwch " + _TEL_999 + ".</p>",
            ),
        ],
    },
}


PAGES = [_ABOUT, _TERMS, _SUPPORT, _PRIVACY, _ACCESSIBILITY, _COOKIES, _COVER]


# ---------------------------------------------------------------------------
# Support contacts (shown on the support page; some also in the help strip)
# ---------------------------------------------------------------------------

SUPPORT_SERVICES = [
    {
        "key": "live-fear-free",
        "category": "crisis",
        "phone": "0808 80 10 800",
        "phone_note": {"en": "24-hour helpline", "cy": "llinell gymorth 24 awr"},
        "other_phone": "",
        "other_phone_note": {"en": "", "cy": ""},
        "text_number": "",
        "website": "",
        "open_24_hours": True,
        "in_help_strip": True,
        "needs_checking": False,
        "sort_order": 10,
        "name": {"en": "Live Fear Free", "cy": "Byw Heb Ofn"},
        "helps_with": {
            "en": "The helpline for Wales for anyone affected by violence against women, "
            "domestic abuse or sexual violence. You can call at any time, day or night.",
            "cy": "Llinell gymorth Cymru i bawb y mae trais yn erbyn menywod, cam-drin "
            "domestig neu drais rhywiol wedi effeithio arnyn nhw. Gallwch ffonio ar unrhyw "
            "adeg, ddydd neu nos.",
        },
        "opening_hours": {"en": "24 hours a day", "cy": "24 awr y dydd"},
        "area_served": {"en": "All of Wales", "cy": "Cymru gyfan"},
    },
    {
        "key": "police",
        "category": "police",
        "phone": "999",
        "phone_note": {"en": "in an emergency", "cy": "mewn argyfwng"},
        "other_phone": "101",
        "other_phone_note": {
            "en": "when it is not an emergency",
            "cy": "pan nad yw'n argyfwng",
        },
        "text_number": "",
        "website": "",
        "open_24_hours": True,
        "in_help_strip": True,
        "needs_checking": False,
        "sort_order": 5,
        "name": {"en": "Dyfed-Powys Police", "cy": "Heddlu Dyfed-Powys"},
        "helps_with": {
            "en": "Call 999 if you are in danger now or a crime is happening. Call 101 to "
            "report a crime or ask for help when it is not an emergency. You can also "
            "report a crime to the police online.",
            "cy": "Ffoniwch 999 os ydych chi mewn perygl nawr neu os oes trosedd yn "
            "digwydd. Ffoniwch 101 i roi gwybod am drosedd neu i ofyn am gymorth pan nad "
            "yw'n argyfwng. Gallwch hefyd roi gwybod i'r heddlu am drosedd ar-lein.",
        },
        "opening_hours": {"en": "", "cy": ""},
        "area_served": {
            "en": "Carmarthenshire, Ceredigion, Pembrokeshire and Powys",
            "cy": "Sir Gaerfyrddin, Ceredigion, Sir Benfro a Phowys",
        },
    },
    {
        "key": "dal-i-godi",
        "category": "domestic_abuse",
        "phone": "01267 221194",
        "phone_note": {"en": "", "cy": ""},
        "other_phone": "",
        "other_phone_note": {"en": "", "cy": ""},
        "text_number": "",
        "website": "",
        "open_24_hours": False,
        "in_help_strip": False,
        "needs_checking": False,
        "sort_order": 10,
        "name": {"en": "Dal i Godi", "cy": "Dal i Godi"},
        "helps_with": {
            "en": "The independent domestic violence advisor (IDVA) service for "
            "Dyfed-Powys. An IDVA is a trained specialist who supports people at risk "
            "from domestic abuse. They can help you plan how to stay safe, and speak up "
            "for you with other services.",
            "cy": "Gwasanaeth cynghorwyr annibynnol ar drais domestig (IDVA) Dyfed-Powys. "
            "Mae IDVA yn arbenigwr hyfforddedig sy'n cefnogi pobl sydd mewn perygl "
            "oherwydd cam-drin domestig. Gall IDVA eich helpu i gynllunio sut i gadw'n "
            "ddiogel, a siarad ar eich rhan â gwasanaethau eraill.",
        },
        "opening_hours": {"en": "", "cy": ""},
        "area_served": {"en": "Dyfed-Powys", "cy": "Dyfed-Powys"},
    },
    {
        "key": "new-pathways",
        "category": "sexual_violence",
        "phone": "01685 379310",
        "phone_note": {"en": "", "cy": ""},
        "other_phone": "",
        "other_phone_note": {"en": "", "cy": ""},
        "text_number": "",
        "website": "",
        "open_24_hours": False,
        "in_help_strip": False,
        "needs_checking": False,
        "sort_order": 10,
        "name": {"en": "New Pathways", "cy": "New Pathways"},
        "helps_with": {
            "en": "Support for people affected by sexual abuse.",
            "cy": "Cymorth i bobl y mae cam-drin rhywiol wedi effeithio arnyn nhw.",
        },
        "opening_hours": {"en": "", "cy": ""},
        "area_served": {"en": "", "cy": ""},
    },
    {
        "key": "paladin",
        "category": "stalking",
        "phone": "",
        "phone_note": {"en": "", "cy": ""},
        "other_phone": "",
        "other_phone_note": {"en": "", "cy": ""},
        "text_number": "",
        "website": "https://www.paladinservice.co.uk",
        "open_24_hours": False,
        "in_help_strip": False,
        "needs_checking": False,
        "sort_order": 10,
        "name": {"en": "Paladin", "cy": "Paladin"},
        "helps_with": {
            "en": "The national stalking advocacy service. An advocate supports you and "
            "speaks up for you with other services, such as the police.",
            "cy": "Y gwasanaeth eiriolaeth cenedlaethol ar gyfer stelcio. Mae eiriolwr yn "
            "eich cefnogi ac yn siarad ar eich rhan â gwasanaethau eraill, fel yr "
            "heddlu.",
        },
        "opening_hours": {"en": "", "cy": ""},
        "area_served": {"en": "England and Wales", "cy": "Cymru a Lloegr"},
    },
    {
        "key": "victim-support",
        "category": "victim_support",
        # The number printed in the source document has a digit missing: staff must
        # confirm the right number before it is published.
        "phone": "",
        "phone_note": {"en": "", "cy": ""},
        "other_phone": "",
        "other_phone_note": {"en": "", "cy": ""},
        "text_number": "",
        "website": "",
        "open_24_hours": False,
        "in_help_strip": False,
        "needs_checking": True,
        "sort_order": 10,
        "name": {
            "en": "Victim Support: Victim and Witness Service",
            "cy": "Cymorth i Ddioddefwyr: Gwasanaeth Dioddefwyr a Thystion",
        },
        "helps_with": {
            "en": "Support for victims and witnesses of crime.",
            "cy": "Cymorth i ddioddefwyr a thystion troseddau.",
        },
        "opening_hours": {"en": "", "cy": ""},
        "area_served": {"en": "", "cy": ""},
    },
]
