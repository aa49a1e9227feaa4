"""The demo's full bylines and story types: author profiles (titles, the masthead,
guests, contact links, a portrait), stories credited to several people, and an
analysis, opinion pieces and a sponsored story. All of it invented for the demo.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageDraw, ImageFilter

from newsite.demo.content import SOCIAL_MEDIA, STAFF, ArticleData, AuthorData, PhotoData
from newsite.models import ContributorRole, StoryType

PHOTOS = ContributorRole.PHOTOS
ADDITIONAL = ContributorRole.ADDITIONAL_REPORTING
WRITER = ContributorRole.WRITER

# People who appear only in these stories.
AUTHORS = [
    AuthorData(
        slug="muna-said",
        name="Muna Said",
        bio="Muna Said leads the newsroom. Before that she edited the Iraq desk for eight "
        "years and reported from Basra and Mosul.",
    ),
    AuthorData(
        slug="salim-aboud",
        name="Salim Aboud",
        bio="Salim Aboud photographs southern Iraq for the newsroom, from the port to the marshes.",
    ),
    AuthorData(
        slug="farah-jawad",
        name="Farah Jawad",
        bio="Farah Jawad is a water engineer in Basra who writes about rivers, pumps and the "
        "people who depend on them.",
    ),
    AuthorData(
        slug="basil-noury",
        name="Basil Noury",
        bio="Basil Noury writes for the communications team of Shatt Tile Works.",
    ),
    AuthorData(
        slug="laith-al-rawi",
        name="ليث الراوي",
        bio="ليث الراوي باحث في الإدارة العامة، يكتب عن الموازنات المحلية والرقابة عليها.",
    ),
]


@dataclass(frozen=True)
class Profile:
    title: str = ""
    is_staff: bool = False
    masthead_position: int = 0
    is_guest: bool = False
    contact_links: list[dict[str, str]] = field(default_factory=list)


def _email(address: str) -> dict[str, str]:
    return {"label": "Email", "url": f"mailto:{address}"}


PROFILES = {
    "muna-said": Profile(
        "Editor-in-chief", True, 0, contact_links=[_email("muna.said@example.org")]
    ),
    "rana-mustafa": Profile("Economics editor", True, 1),
    "layla-aziz": Profile("Culture editor", True, 2),
    "yusuf-darwish": Profile("Sports editor", True, 3),
    "nadia-karim": Profile(
        "Baghdad correspondent",
        True,
        4,
        contact_links=[
            _email("nadia.karim@example.org"),
            {"label": "Mastodon", "url": "https://social.example.org/@nadiakarim"},
        ],
    ),
    "omar-haddad": Profile("Damascus correspondent", True, 5),
    "karim-al-obaidi": Profile("محرر الشؤون الاقتصادية", True, 6),
    "sahar-salman": Profile("مراسلة بغداد", True, 7),
    "salim-aboud": Profile("Staff photographer"),
    "farah-jawad": Profile(is_guest=True),
    "basil-noury": Profile(is_guest=True),
    "laith-al-rawi": Profile(is_guest=True),
}

# The one author shown with a photo (drawn by `portrait`).
PORTRAIT = "nadia-karim"
PORTRAIT_ALT = "A drawn portrait: a woman's head and shoulders in silhouette, a dark green "
PORTRAIT_ALT += "scarf over her hair, against a warm orange background."


def portrait(seed: str) -> Image.Image:
    """A head-and-shoulders silhouette in a headscarf: a stand-in for a staff photo."""
    size = 800
    image = Image.new("RGB", (size, size), (232, 150, 92))
    draw = ImageDraw.Draw(image)
    for y in range(size):  # a warm wash, lighter towards the top
        shade = int(40 * y / size)
        draw.line([(0, y), (size, y)], fill=(240 - shade, 170 - shade, 110 - shade))
    ink, scarf = (54, 44, 52), (40, 92, 70)
    draw.ellipse([150, 560, 650, 1000], fill=scarf)  # shoulders under the scarf
    draw.ellipse([255, 170, 545, 520], fill=scarf)  # the scarf around the head
    draw.ellipse([300, 230, 500, 480], fill=ink)  # the face in shadow
    draw.polygon([(330, 470), (470, 470), (520, 640), (280, 640)], fill=scarf)
    return image.filter(ImageFilter.SMOOTH_MORE)


# Existing stories credited to more than their first author, in byline order.
CREDITS: dict[str, tuple[tuple[str, ContributorRole], ...]] = {
    "baghdad-council-votes-to-publish-its-spending-records-online": (
        ("nadia-karim", WRITER),
        ("rana-mustafa", WRITER),
    ),
    "night-patrols-added-at-basra-port-after-warehouse-break-ins": (
        ("nadia-karim", WRITER),
        ("salim-aboud", PHOTOS),
    ),
    "hama-residents-ask-for-a-say-in-the-water-rationing-timetable": (
        ("omar-haddad", WRITER),
        ("rana-mustafa", ADDITIONAL),
    ),
    "ar-baghdad-council-spending-records-online": (
        ("sahar-salman", WRITER),
        ("karim-al-obaidi", WRITER),
    ),
}


@dataclass(frozen=True)
class Story:
    """A new demo story: its data, its type and sponsor, and who else is credited."""

    data: ArticleData
    story_type: StoryType
    sponsor: str = ""
    credits: tuple[tuple[str, ContributorRole], ...] = ()


STORIES = [
    Story(
        ArticleData(
            headline="Why half the stalls in Erbil's new wholesale market are still empty",
            summary="Traders say the rents are fair but the road is not: until the ring road "
            "junction is finished, lorries cannot reach the loading bays without a detour.",
            dateline="Erbil",
            author="rana-mustafa",
            edition="iraq",
            section="economy",
            hours_ago=6,
            photo=PhotoData(
                scene="market",
                mood="morning",
                caption="Stalls at the new wholesale market, where only half the units have "
                "found tenants.",
                credit=STAFF,
                alt_text="A covered market street with striped awnings over stalls of red, "
                "orange and green produce, lamps hanging above and a few shoppers in "
                "silhouette.",
            ),
            body="""
Three months after it opened, Erbil's new wholesale market has let half of its 400
stalls. The city calls that a good start. The traders who have stayed away tell a
different story, and it has less to do with the market than with the road to it.

## The rent is not the problem

The market's rents were set below those of the old bazaar on purpose, and most of the
traders we spoke to called them fair. What keeps them away is time. Until the junction
on the ring road is finished, a lorry from the south must leave the highway two
kilometres early and crawl through a residential street to reach the loading bays.

"Every morning I lose an hour in that street," said one fruit wholesaler who moved in
and is thinking of moving out. "An hour in summer is a crate of tomatoes."

## What would change the picture

The junction is due to open before the end of the year. If it does, the market's
managers expect most of the empty units to be let by spring, and the numbers they
showed us make that plausible: enquiries doubled in the weeks after the road works
resumed.

If it slips again, the risk is that traders settle back into the old bazaar, where
the rent is higher but the customers already know the way. Markets, like habits, are
hard to move twice.
""",
        ),
        StoryType.ANALYSIS,
        credits=(("rana-mustafa", WRITER), ("muna-said", WRITER)),
    ),
    Story(
        ArticleData(
            headline="Basra cannot wait for another dry summer to fix its pumps",
            summary="The city spends every June repairing the same pumping stations. It is "
            "time to plan the work for the winter, when the river can spare it.",
            dateline="Basra",
            author="farah-jawad",
            edition="iraq",
            section="politics",
            hours_ago=16,
            photo=PhotoData(
                scene="fields",
                mood="dusk",
                caption="Irrigated fields on the outskirts of Basra at dusk.",
                credit=SOCIAL_MEDIA,
                alt_text="Fields in rows running to a line of poplar trees under an orange "
                "dusk sky, an irrigation channel crossing them.",
            ),
            body="""
Every June, when the river falls and the salt rises, Basra's pumping stations break
down one after another, and every June the city sends its engineers to repair them in
the heat, with the taps already dry in the neighbourhoods they serve.

I have been one of those engineers. We are good at emergencies. We should not have to
be.

## Plan the work for the winter

Most of the faults we fix in summer are known in winter: worn impellers, corroded
valves, control panels that trip when the voltage sags. The river is higher then and a
station can be stopped for a week without anyone noticing. Yet the budget for spare
parts arrives in spring and the contracts in summer, so the work waits for the crisis.

Moving the maintenance budget six months earlier would cost nothing extra. It would
mean ordering parts in October and fitting them in January, and it would mean that
the first hot week of the year is not also the week the pumps fail.

## Publish the list

The city should also publish, every autumn, the list of stations it plans to overhaul
and the date each one is due. Residents would know what to expect, and councillors
would know what to ask about when a date slips.

None of this needs new money or new laws. It needs a calendar.
""",
        ),
        StoryType.OPINION,
    ),
    Story(
        ArticleData(
            headline="A Basra workshop teaches the old craft of hand-made tiles again",
            summary="Twelve apprentices are learning to mix, press and glaze tiles by hand in "
            "a workshop that reopened this spring.",
            dateline="Basra",
            author="basil-noury",
            edition="iraq",
            section="culture",
            hours_ago=10,
            photo=PhotoData(
                scene="abstract",
                mood="noon",
                caption="A pattern inspired by the workshop's blue and white glazes.",
                credit="Shatt Tile Works",
                alt_text="An abstract graphic of translucent blue and white bars and "
                "overlapping circles over a pale diagonal wash.",
            ),
            body="""
In a long room behind the corniche, twelve apprentices are learning a craft that
almost left the city: pressing clay into wooden moulds, drying the tiles for a week,
then painting them in the blues and whites that once covered Basra's courtyards.

The workshop reopened this spring with the support of Shatt Tile Works, which has made
tiles in the city for three generations. Its master tiler, who learned from his
father, teaches the first course himself.

"A machine makes a thousand tiles that are all the same," he says. "A hand makes one
that is not. People can see the difference from across the room."

## A place for young builders

The course lasts six months and is free. Apprentices are paid a small allowance and
the best of them are offered places in the company's restoration team, which is
working on two old houses in the city centre this year.

Applications for the next course open in the autumn.
""",
        ),
        StoryType.SPONSORED,
        sponsor="Shatt Tile Works",
    ),
    Story(
        ArticleData(
            headline="نشر العقود بداية جيدة، لكن على بغداد أن تنشرها كاملة",
            slug="ar-opinion-baghdad-must-publish-full-contracts",
            summary="قرار مجلس بغداد نشر عقوده خطوة في الاتجاه الصحيح، لكن الملخّصات لا تكفي: "
            "المواطن يحتاج إلى النص الكامل وإلى ما يتغيّر فيه.",
            dateline="بغداد",
            author="laith-al-rawi",
            edition="arabic",
            section="politics",
            hours_ago=20,
            photo=PhotoData(
                scene="government",
                mood="dusk",
                caption="مبنى مجلس مدينة بغداد عند الغروب.",
                credit="نيوسايت / مصور الصحيفة",
                alt_text="مبنى حجري بصف من الأعمدة تحت قبة منخفضة، ودرجات عريضة أمامه، تحت "
                "سماء برتقالية عند الغروب.",
            ),
            body="""
صوّت مجلس مدينة بغداد على نشر عقوده على الإنترنت، وهذه خطوة تستحق الترحيب. لكن
قيمة القرار ستُقاس بما يُنشر فعلاً، لا بعنوانه.

## الملخّص لا يكفي

تكتفي مجالس كثيرة في المنطقة بنشر جدول فيه اسم الشركة والمبلغ. هذا أفضل من لا
شيء، لكنه لا يجيب عن السؤال الذي يطرحه الناس حين يرون شارعاً محفوراً منذ أشهر: ما
الذي تعهّد به المقاول، وفي أي موعد، وما الغرامة إن تأخّر؟ الجواب في نص العقد، لا
في ملخّصه.

## ما تغيّر ولماذا

العقود تتغيّر بعد توقيعها، وهنا تضيع الأموال عادةً. إن لم يُنشر كل تعديل مع سببه،
فسيبقى الجزء الأهم من الإنفاق بعيداً عن أعين السكان.

على المجلس أن ينشر النص الكامل لكل عقد، وكل ملحق به، في صيغة يمكن البحث فيها،
وأن يبقيه منشوراً سنوات لا أشهراً. عندها فقط يصبح القرار ما أراده أصحابه: رقابة
يملكها كل من يحمل هاتفاً.
""",
        ),
        StoryType.OPINION,
    ),
]
