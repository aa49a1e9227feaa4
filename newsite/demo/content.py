"""The demo site's editions, sections, authors and articles, as plain data.

Everything here is fiction written for the demo: the reporters, officials,
clubs, companies and events are invented, though the cities are real. Article
bodies are editors' Markdown, exactly as an editor would type it.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsite.models import ArticleStatus
from newsite.text import slugify


@dataclass(frozen=True)
class EditionData:
    slug: str
    name: str
    description: str
    position: int
    language: str = "en"
    time_zone: str = "UTC"  # where its readers live: the times its pages show


@dataclass(frozen=True)
class SectionData:
    slug: str
    name: str
    position: int


@dataclass(frozen=True)
class AuthorData:
    slug: str
    name: str
    bio: str


@dataclass(frozen=True)
class PhotoData:
    """A lead photo: what `images.render` draws, and the words that go with it."""

    scene: str  # a key of images.SCENES
    mood: str  # a key of images.MOODS
    caption: str
    credit: str  # without brackets: the template adds them
    alt_text: str


@dataclass(frozen=True)
class ArticleData:
    headline: str
    summary: str
    body: str
    dateline: str
    author: str  # slugs of the rows below
    edition: str
    section: str
    # Publication time relative to the first seed; negative is in the future,
    # None leaves the article unpublished.
    hours_ago: int | None
    photo: PhotoData
    status: ArticleStatus = ArticleStatus.PUBLISHED
    slug: str = ""

    def __post_init__(self) -> None:
        # Slugs follow the headline, as the admin's form makes them, unless given.
        if not self.slug:
            object.__setattr__(self, "slug", slugify(self.headline))


# The article that follows the anatomy of the article page in PRODUCT.md.
ANATOMY_ARTICLE_SLUG = "checkpoint-reopens-on-the-road-to-the-northern-crossing"
# Never visible to readers: tests look for these to prove it.
DRAFT_SLUG = "demo-draft-budget-review"
SCHEDULED_SLUG = "demo-scheduled-festival-preview"

SOCIAL_MEDIA = "Photo circulated on social media"
STAFF = "newsite / Staff photographer"

EDITIONS = [
    EditionData(
        slug="iraq",
        name="Iraq News",
        description="Reporting from Baghdad, Basra, Erbil, Mosul and the provinces in between.",
        position=0,
        time_zone="Asia/Baghdad",
    ),
    EditionData(
        slug="syria",
        name="Syria News",
        description="Reporting from Damascus, Aleppo, Homs, Hama and the coast.",
        position=1,
        time_zone="Asia/Damascus",
    ),
]

SECTIONS = [
    SectionData(slug="security", name="Security", position=0),
    SectionData(slug="politics", name="Politics", position=1),
    SectionData(slug="economy", name="Economy", position=2),
    SectionData(slug="culture", name="Culture", position=3),
    SectionData(slug="sport", name="Sport", position=4),
]

AUTHORS = [
    AuthorData(
        slug="nadia-karim",
        name="Nadia Karim",
        bio="Nadia Karim covers security and provincial politics from Baghdad. "
        "She has reported from every one of Iraq's governorates.",
    ),
    AuthorData(
        slug="omar-haddad",
        name="Omar Haddad",
        bio="Omar Haddad is our Damascus correspondent, writing on local government, "
        "public services and security in central Syria.",
    ),
    AuthorData(
        slug="rana-mustafa",
        name="Rana Mustafa",
        bio="Rana Mustafa writes about trade, farming and the cost of living. "
        "She divides her time between Erbil and Basra.",
    ),
    AuthorData(
        slug="layla-aziz",
        name="Layla Aziz",
        bio="Layla Aziz reports on theatre, music, books and the people who keep "
        "the region's old quarters alive.",
    ),
    AuthorData(
        slug="yusuf-darwish",
        name="Yusuf Darwish",
        bio="Yusuf Darwish has covered football and athletics in both countries "
        "for fifteen years, from national cups to neighbourhood leagues.",
    ),
]

ARTICLES = [
    # --- Iraq News -------------------------------------------------------
    ArticleData(
        headline="Checkpoint reopens on the road to the northern crossing",
        summary="Trucks and families queued from before dawn as the checkpoint north of "
        "Mosul reopened after six weeks of repairs, with new lanes and longer hours.",
        dateline="Mosul",
        author="nadia-karim",
        edition="iraq",
        section="security",
        hours_ago=2,
        photo=PhotoData(
            scene="checkpoint",
            mood="dawn",
            caption="Cars wait at the reopened checkpoint on the northern road shortly "
            "after sunrise on Sunday.",
            credit=SOCIAL_MEDIA,
            alt_text="A queue of cars on a two-lane road at dawn, a red and white barrier "
            "arm raised beside a guard booth, concrete blocks along the verge and low "
            "hills behind.",
        ),
        body="""
The checkpoint on the main road north of Mosul reopened to traffic on Sunday
morning after six weeks of repairs, ending long detours for truck drivers and
families travelling towards the northern border crossing.

By six o'clock the queue of cars and lorries stretched back almost two kilometres
from the barrier. Officers waved the first vehicles through shortly after sunrise,
and by mid-morning the wait had fallen to about twenty minutes.

## Queues before dawn

Many drivers had slept in their cabs on the hard shoulder to be first in line.
Khalil Saeed, who carries fresh produce between Mosul and the border markets, said
the closure had added three hours to every round trip.

"For six weeks I have driven through the villages on roads made for donkeys," he
said, leaning out of his cab. "Today I will be home for lunch. That has not
happened since the spring."

A minibus driver further back in the queue was less impressed. "They have opened
the barrier, but let us see if it stays open," said Marwan Ali, who runs a daily
service for students. "We have heard promises before."

## What changed at the checkpoint

The provincial security committee closed the site in the spring after a study
found that the single inspection lane caused dangerous tailbacks on a bend in the
road. Engineers have since widened the approach, moved the inspection area to a
straight stretch, and built separate lanes for cars and heavy vehicles.

Colonel Faris Naji, who commands the police detachment at the checkpoint, said
the changes were meant to make the crossing both safer and quicker.

> "A long queue on a bend is a risk for everyone: for the drivers, for the people
> in the villages beside the road, and for my officers. With two lanes we can
> check every vehicle properly without holding a family behind a lorry for an
> hour."

The colonel said the checkpoint would now stay open from five in the morning until
ten at night, two hours longer than before the closure. Ambulances and fire engines
will be waved through a dedicated lane at any hour.

Drivers will also notice new signs in three languages, starting two kilometres
before the barrier, telling them which lane to take and which documents to have
ready.

## Traders count the cost

Merchants in the city's wholesale market said the detour had pushed up the price
of vegetables arriving from the north by as much as a fifth, because drivers were
charging for the extra fuel and time.

"Tomatoes do not like waiting in the sun," said Huda Yasin, who runs a stall near
the market's eastern gate. She expected prices to settle within a week now that
deliveries could arrive overnight again.

The provincial council's transport committee said it would publish monthly
figures on waiting times at the site, a first for the province. Its chairman told
reporters that drivers could also report delays through the council's telephone
line.

## What comes next

Officials listed three further pieces of work planned for the road this year:

- resurfacing the twelve kilometres between the checkpoint and the city's northern
  gate;
- installing lighting along the new approach lanes;
- building a shaded rest area with water and toilets for drivers who wait.

Colonel Naji said the rest area mattered more than it sounded. "A driver who has
been waiting for an hour in August is a tired driver," he said. "We want them to
arrive at the barrier calm and leave it safely."

For Khalil Saeed, the priority was simpler. "Keep the road open," he said, and
drove on.
""",
    ),
    ArticleData(
        headline="Night patrols added at Basra port after warehouse break-ins",
        summary="Port police will run patrols through the container yards after dark "
        "following a series of thefts from storage sheds in the autumn.",
        dateline="Basra",
        author="nadia-karim",
        edition="iraq",
        section="security",
        hours_ago=30,
        photo=PhotoData(
            scene="port",
            mood="night",
            caption="Gantry cranes above the container yard at the port after dark.",
            credit=STAFF,
            alt_text="Container cranes and stacks of coloured shipping containers at a "
            "port at night, a cargo ship moored at the quay under a starry sky.",
        ),
        body="""
Port police in Basra have begun patrolling the container yards through the night
after a string of break-ins at storage sheds used by importers of electrical goods
and spare parts.

The port's operating authority said at least seven warehouses had been entered
since early autumn. In most cases the thieves cut through fences on the landward
side of the yards and took goods that could be carried by hand.

## Cameras and fences

Under the new arrangement, two-person patrols will walk the perimeter fence every
hour between ten at night and six in the morning, and a vehicle patrol will cover
the long stretch of quay used by bulk carriers.

The authority is also replacing older lighting masts and adding cameras at the
three gates used by trucks. Its deputy director for security, Adnan Jabbar, said
the thefts had exposed "gaps that grew while the port got busier".

> "Ten years ago this yard handled a fraction of what it handles today. The
> fences and lights were built for that smaller port. We are catching up with
> our own success."

## Importers want faster clearance

Traders said the thefts were a symptom of a wider problem: containers waiting too
long in the yards for customs paperwork.

"A container that leaves in three days is hard to steal from," said Samira Hadi,
who imports kitchen appliances for shops across the south. "A container that sits
for three weeks becomes a target." She said her firm had lost two consignments of
small appliances this year.

The chamber of commerce in Basra has asked for a single office inside the port
where importers can complete inspections and paperwork in one visit. A spokesman
for the port authority said the request was being studied.

## Workers welcome the change

Dock workers who spoke to newsite said they were glad of the patrols, but asked
that lighting on the quay be fixed first.

"At night some corners are completely dark," said one crane operator, who asked
not to be named because he was not authorised to speak to reporters. "You cannot
patrol what you cannot see."

The authority said the new masts would be in place by the end of the month.
""",
    ),
    ArticleData(
        headline="Baghdad council votes to publish its spending records online",
        summary="Councillors agreed to post every contract above a set value on a public "
        "website within thirty days of signing, starting in the new financial year.",
        dateline="Baghdad",
        author="nadia-karim",
        edition="iraq",
        section="politics",
        hours_ago=52,
        photo=PhotoData(
            scene="government",
            mood="noon",
            caption="The council building in central Baghdad, where members voted on the "
            "new rules on Tuesday.",
            credit="Handout from the city council",
            alt_text="A pale stone council building with a row of columns under a "
            "dome, wide steps in front, lamp posts and a few people crossing the square "
            "under a blue sky.",
        ),
        body="""
Baghdad's city council voted on Tuesday to publish details of its contracts on a
public website, in what members described as the most significant change to its
rules on spending in a decade.

The measure passed with 31 votes in favour and 6 against. It will take effect at
the start of the next financial year.

## What will be published

Under the new rules, the council must post the following within thirty days of
signing any contract above a set value:

1. the name of the company or contractor;
2. the amount and the payment schedule;
3. the service or works to be delivered, and the deadline;
4. the number of bids received and how the winner was chosen.

Contracts that are changed after signing will have to be published again,
showing what was altered and why.

## Supporters and critics

The proposal was put forward by the council's finance committee. Its chair, Salma
Abbas, said residents had a right to know how their money was spent.

> "People see a road dug up for a year and ask who is responsible. Until now, even
> councillors struggled to find out. From next year anyone with a telephone will be
> able to read the contract."

Opponents said they supported openness in principle but feared the website would
slow down urgent works. Councillor Hamid Rashid, who voted against, said emergency
repairs to water mains should be exempt. "When a pipe bursts we cannot wait for a
web page," he said.

The final text allows emergency contracts to be signed first and published
afterwards, within the same thirty-day limit.

## A test for other cities

Civil society groups that have campaigned for open contracting said they would
watch closely how the rules worked in practice. Omar Salih, a researcher at a
Baghdad university who studies local government, said the detail would matter.

"A list of names and numbers is a start," he said. "What matters is whether the
documents are complete, searchable and kept online for years, not months."

The council said the website would be built by its own technical staff and that
the first contracts would appear within weeks of the new financial year.
""",
    ),
    ArticleData(
        headline="Kirkuk council ends months of deadlock with a rotating chair",
        summary="Members agreed that the chairmanship will rotate every six months "
        "between the council's largest blocs, clearing the way for a delayed budget vote.",
        dateline="Kirkuk",
        author="nadia-karim",
        edition="iraq",
        section="politics",
        hours_ago=150,
        photo=PhotoData(
            scene="government",
            mood="dusk",
            caption="Lights come on at the provincial council building as members leave "
            "the session that ended the deadlock.",
            credit=STAFF,
            alt_text="A columned council building with a dome at dusk, its windows lit, "
            "lamps glowing on either side and figures on the steps below an orange sky.",
        ),
        body="""
The provincial council in Kirkuk has agreed to rotate its chairmanship between its
largest blocs every six months, ending a deadlock that had stopped the council from
meeting in full since the start of the year.

The compromise was approved late on Wednesday after a session that lasted more than
seven hours. It clears the way for a vote on the province's budget, which is now
almost four months overdue.

## How the rotation will work

Under the agreement, the chair will pass between the three largest blocs in an
order drawn by lot. The deputy chair will always come from a different bloc from
the chair, and the council's committees will be shared in proportion to seats.

A senior member who helped draft the deal, Karwan Aziz, said it was not perfect
but it was workable.

> "Nobody got everything they wanted tonight, which is probably how you know it is
> a fair agreement. The people of this province have waited long enough for their
> council to do its job."

## The cost of the delay

While the council was stalled, the province operated on a temporary budget that
allowed salaries to be paid but blocked new projects. Contractors said work on two
schools and a water treatment plant had stopped for lack of payment.

Leila Mahmoud, a head teacher in the south of the city, said her pupils had been
taught in temporary classrooms since the spring. "We were told the new building
would be finished by September," she said. "The walls are up, but there is no roof."

## Reactions

Traders in the city's central market greeted the news with cautious relief.
Several said they would believe the agreement when they saw the budget passed.

The council's first full session under the new arrangement is due next week.
Members said the budget would be the only item on the agenda.

Analysts noted that rotating arrangements have been tried before in other
provinces, with mixed results. "Rotation works when each side trusts that the
other will hand over on time," said Rasha Kamal, who teaches political science
in Kirkuk. "The first handover, in six months, will be the real test."
""",
    ),
    ArticleData(
        headline="Farmers on the Euphrates turn to drip lines as the river runs low",
        summary="With summer flows at their lowest in years, growers near Samawah are "
        "replacing flood irrigation with drip lines, helped by a ministry loan scheme.",
        dateline="Samawah",
        author="rana-mustafa",
        edition="iraq",
        section="economy",
        hours_ago=20,
        photo=PhotoData(
            scene="fields",
            mood="morning",
            caption="Farmland along an irrigation channel near Samawah, where several "
            "growers have laid drip lines this season.",
            credit="newsite / Rana Mustafa",
            alt_text="Green and golden fields stretching to a line of poplar trees under "
            "a pale morning sky, a blue irrigation channel crossing the fields and a "
            "farmer standing in the foreground.",
        ),
        body="""
On the flat land east of Samawah, the channels that once flooded whole fields now
carry a fraction of the water they did. Many farmers here have stopped waiting for
the river to rise and started laying black plastic drip lines instead.

The ministry of water resources says flows in this stretch of the Euphrates have
been below average for four summers in a row. Farmers who used to open their
channel gates once a week now receive water on a rota, sometimes for only a few
hours.

## A loan for every field

To help the switch, the ministry and a state agricultural bank launched a loan
scheme this year that covers most of the cost of drip equipment, repayable over
five years. Officials said more than 400 farmers in the province had applied.

Jasim Hamza grows tomatoes and okra on eight dunams near the river. He laid his
first drip lines in the spring.

> "My father flooded this land and so did his father. I was afraid the plants
> would not get enough. But the crop is as good as last year and I am using less
> than half the water."

## Not for everyone

The switch is not simple for every farm. Drip systems need a pump, a filter and a
reliable power supply, and the lines must be replaced every few seasons. Some
growers of wheat and barley said the savings did not justify the cost for grain.

Agronomists at the local agricultural directorate recommend drip irrigation
mainly for:

- vegetables and melons grown in rows;
- young date palms and orchards;
- greenhouses, where water is already piped.

"For wheat on large fields, better levelling and scheduling can save a lot of
water without new equipment," said Zainab Qasim, an engineer at the directorate.

## Prices in the market

Traders in Samawah's vegetable market said drip-grown produce was arriving more
evenly through the season, which helped keep prices steady.

The ministry plans to extend the loan scheme to two neighbouring provinces next
year. Jasim Hamza said he had already told his cousins to apply. "The river will
not save us," he said. "We have to save the river."
""",
    ),
    ArticleData(
        headline="New Erbil wholesale market opens with half its stalls let",
        summary="The long-awaited market on the city's southern ring road opened to "
        "traders this week, but many vendors are staying put in the old centre for now.",
        dateline="Erbil",
        author="rana-mustafa",
        edition="iraq",
        section="economy",
        hours_ago=98,
        photo=PhotoData(
            scene="market",
            mood="dusk",
            caption="Stalls under the new market's vaulted roof on its opening evening.",
            credit="Handout from the market's operating company",
            alt_text="A covered market with striped awnings over stalls heaped with red, "
            "orange and green produce, hanging lamps glowing and shoppers in silhouette.",
        ),
        body="""
Erbil's new wholesale market for fruit and vegetables opened on the southern ring
road this week, three years after building work began. Just over half of its 600
stalls have been let, the company that runs the site said.

The market was designed to move heavy trucks out of the narrow streets of the old
centre, where lorries unloading before dawn have long caused congestion and
complaints from residents.

## Space, light and parking

Traders who have moved in praised the wide aisles, the cold stores and the parking
for refrigerated trucks. The covered hall has room for buyers to drive in, load and
leave without crossing the path of incoming deliveries.

"In the old market I spent half the morning arguing about where to park," said
Dilan Omar, who sells citrus brought from the south. "Here the truck comes in, we
unload in twenty minutes, and I can start selling."

## Why some traders are waiting

Others are staying in the old centre for now. They cite higher rents, the distance
from the shops and restaurants they supply, and uncertainty about whether buyers
will follow them to the edge of the city.

Aram Jalal, who has traded from the same corner of the old market for thirty
years, said he would move only when his customers did.

> "A market is not a building, it is the people who come to it. When the
> restaurant owners start driving to the ring road at four in the morning, I will
> be there. Until then, I stay where they can find me."

## Plans to close the old site

The city's municipality has said the old wholesale market will close to trucks
next spring, with a period of grace for traders who sign leases at the new site
before then. The land in the centre is to become a public square and a car park.

The operating company said it was offering reduced rent for the first year to
traders who move before the end of winter. Its manager, Shirin Hassan, said
interest had picked up since the opening.

"We had forty enquiries on the first day alone," she said. "People wanted to see
it working before they believed in it. Now they can."
""",
    ),
    ArticleData(
        headline="Riverside theatre in Baghdad revives a forgotten 1960s comedy",
        summary="A small company has restaged a comedy about a family feud over a "
        "radio set, drawing full houses to a hall on the banks of the Tigris.",
        dateline="Baghdad",
        author="layla-aziz",
        edition="iraq",
        section="culture",
        hours_ago=75,
        photo=PhotoData(
            scene="theatre",
            mood="night",
            caption="Actors take a bow at the end of the opening night.",
            credit="Handout from the theatre company",
            alt_text="A theatre stage framed by heavy curtains, performers in silhouette "
            "under spotlight beams, and the heads of the audience in the dark "
            "foreground.",
        ),
        body="""
A comedy that has not been staged in Baghdad for more than half a century is
playing to full houses in a small hall on the eastern bank of the Tigris.

The play follows two brothers who inherit a single radio set from their father and
cannot agree whose house it should live in. What begins as a squabble over a
wooden box ends up involving the whole street, a local poet and a very patient
judge.

## Found in a box of papers

The script was rediscovered two years ago by the company's director, Basim Yousif,
among papers donated to a university library. Only one typed copy survived, with
handwritten notes in the margins from the original production.

"The notes were the treasure," he said. "You can see where the actors cut lines
that did not get a laugh, and where they added jokes about the neighbourhood. It
is like reading a conversation with an audience that has gone."

## A cast of new faces

Most of the eleven performers are in their twenties, and several are appearing on
a professional stage for the first time. The company rehearsed for four months,
mostly in the evenings, because the actors have day jobs.

Noor Hassan, who plays the older brother's quick-tongued wife, said the comedy had
aged better than she expected.

> "Everybody has an uncle who will not let go of something. The radio could be a
> car, a flat, a mobile phone. People laugh because they recognise their own
> families."

## Why it works now

Audiences have been a mix of students, families and older theatregoers who say
they remember the play's songs from their childhood. At one performance last week,
a group of women in the third row sang along with the finale.

The company plans to take the production to Basra and Hilla in the spring, and
hopes to publish the script with the original margin notes.

Tickets for the remaining Baghdad performances, on Thursday and Friday evenings,
are sold at the door. The hall has 180 seats, and the director advises arriving
early. "We do not turn anybody away if we can help it," he said. "But we have
already run out of chairs twice."
""",
    ),
    ArticleData(
        headline="Lantern walk returns to the old canal quarter of Basra",
        summary="Hundreds of residents carried paper lanterns along the canals of the "
        "old quarter on Thursday, reviving an evening walk that lapsed for years.",
        dateline="Basra",
        author="layla-aziz",
        edition="iraq",
        section="culture",
        hours_ago=200,
        photo=PhotoData(
            scene="river-bridge",
            mood="night",
            caption="Lights along the bridge over the canal during Thursday's walk.",
            credit=SOCIAL_MEDIA,
            alt_text="An arched bridge with warm lights across dark water at night, a "
            "row of lit buildings on the far bank and palm trees silhouetted in the "
            "foreground.",
        ),
        body="""
Hundreds of people walked through Basra's old canal quarter on Thursday evening
carrying paper lanterns, reviving a neighbourhood tradition that older residents
say had not been held for at least fifteen years.

The walk set off from a small square near the oldest of the quarter's wooden
houses and followed the water for about two kilometres, crossing four bridges
before ending at a riverside café where musicians played until late.

## Lanterns made at home

Volunteers ran workshops in the weeks before the walk, teaching children and their
parents how to make lanterns from paper, reed and wire. Many carried designs of
boats, fish and palm trees; one family brought a lantern in the shape of a
two-storey house with a carved balcony.

The organisers, a residents' association formed last year, said they made about
300 lanterns themselves and lost count of how many people brought their own.

## Memory and repair

For Abbas Karim, who is 74 and grew up in a house on the canal, the evening was
emotional. "When I was a boy, the whole street walked to the river with lights," he
said. "I did not think my grandchildren would see it."

The association's chair, Mariam Jaafar, said the walk was also meant to draw
attention to the state of the quarter's historic houses, many of which need urgent
repair.

> "If people walk here, they look up. They see the balconies and the carved doors,
> and they see the cracks. We want the city to love these houses again before it
> is too late."

## What next

The association hopes to make the walk an annual event and has asked the municipal
council for help with lighting and cleaning the canal banks. A council official who
attended said the request would be considered in the next budget.

Several shops along the route stayed open late, and a bakery near the second bridge
sold out of date pastries by nine o'clock. Its owner said she would bake twice as
many next year.
""",
    ),
    ArticleData(
        headline="Late penalty sends Tigris Stars into the cup semi-finals",
        summary="A penalty in the last minute of extra time gave Tigris Stars a 2-1 win "
        "over Southern Port and a place in the last four of the national cup.",
        dateline="Baghdad",
        author="yusuf-darwish",
        edition="iraq",
        section="sport",
        hours_ago=12,
        photo=PhotoData(
            scene="stadium",
            mood="night",
            caption="Players line up under the floodlights before kick-off.",
            credit=STAFF,
            alt_text="A football pitch under floodlights at night, players spread across "
            "the striped grass and a packed stand of supporters behind.",
        ),
        body="""
Tigris Stars reached the semi-finals of the national cup on Friday night, beating
Southern Port 2-1 after extra time with a penalty in the final minute.

The winning goal came from the captain, Ali Nasser, who sent the goalkeeper the
wrong way after his team-mate was pulled down in the area. The stadium, which had
grown quiet as penalties loomed, erupted.

## A tense ninety minutes

Southern Port, who finished third in the league last season, had the better of the
first half and took the lead after 34 minutes when their winger Hussein Fadel cut
inside and curled a shot into the far corner.

Tigris Stars equalised early in the second half through a header from a corner by
the young defender Mustafa Jawad, his first goal for the club. After that, chances
were rare at both ends as tired legs took over.

"We knew they were stronger in the first half," said the Tigris Stars coach, Salam
Hadi. "I asked the players to stay patient and keep the ball. In extra time the
fitter team wins, and we have worked hard for that."

## The decisive moment

With a minute of extra time remaining, the substitute Ahmed Kareem ran onto a long
pass and was tugged back by a defender as he turned to shoot. The referee pointed
to the spot immediately.

> "I did not look at the goalkeeper. I chose my corner in the dressing room before
> the match, and I did not change my mind."

That was how Ali Nasser described the penalty afterwards, still in his kit.

## What the result means

Tigris Stars will face the winner of Saturday's match between two northern sides
in the semi-finals next month. Southern Port's coach said his team had nothing to
be ashamed of.

"We played good football tonight and lost to a penalty," he said. "It hurts, but
the season is long and the league is what matters to us now."

Key numbers from the match:

- 21,000 spectators, the ground's largest crowd this season;
- 14 shots for Southern Port, 11 for Tigris Stars;
- 3 yellow cards and no red.
""",
    ),
    ArticleData(
        headline="Najaf youth league signs up a record 64 teams",
        summary="A volunteer-run league for players under fourteen has doubled in size in "
        "two years, and organisers are now looking for more pitches and referees.",
        dateline="Najaf",
        author="yusuf-darwish",
        edition="iraq",
        section="sport",
        hours_ago=250,
        photo=PhotoData(
            scene="stadium",
            mood="morning",
            caption="Young players warm up before the opening matches of the season.",
            credit="Handout from the league organisers",
            alt_text="A football ground on a clear morning, floodlight towers at each "
            "end, young players scattered across a green pitch and spectators in the "
            "stand.",
        ),
        body="""
A youth football league in Najaf run entirely by volunteers has registered 64 teams
for the new season, more than double the number that took part two years ago.

The league, for boys and girls under fourteen, began as a handful of neighbourhood
sides playing on weekend mornings. It now covers the city and several surrounding
towns, with matches on four grounds.

## Built by parents

The league was founded by Haidar Mahdi, a schoolteacher who coached his son's team
and grew tired of driving to other cities for matches. He says parents have done
almost everything since: marking pitches, washing kits and driving teams to away
games.

"We have no office and no salaries," he said. "We have a telephone group with three
hundred parents in it, and it never sleeps."

This season, for the first time, there are eight girls' teams. Their coach, Zahra
Ali, played in school but never in a club.

> "The girls ask me why there was no league when I was their age. I tell them that
> is exactly why we are here: so that their daughters never have to ask."

## Looking for referees

Growth has brought problems. The league needs at least twenty more referees to
cover every match, and some fixtures were postponed last season when officials did
not arrive. Organisers are running a short course for older teenagers and parents
who want to learn to referee.

They also hope to use school pitches on Friday mornings, and have asked the
provincial education directorate for permission.

## The rules that matter

The league keeps a few simple rules that organisers say explain its success:

- every player plays at least half of every match;
- no scores are kept for the under-tens;
- coaches who shout at referees sit out the next game.

"The last rule is the one the fathers find hardest," said Haidar Mahdi, laughing.
"But it works. Our referees are fourteen years old. They deserve respect."

The season begins this Friday and runs until late spring, with a finals day planned
at the city's main stadium.
""",
    ),
    # --- Syria News ------------------------------------------------------
    ArticleData(
        headline="Clearance teams mark safe lanes through farmland outside Homs",
        summary="Civil defence teams have cleared and marked access lanes across fields "
        "west of Homs so farmers can reach their land before the harvest.",
        dateline="Homs",
        author="omar-haddad",
        edition="syria",
        section="security",
        hours_ago=40,
        photo=PhotoData(
            scene="fields",
            mood="dawn",
            caption="Farmland west of Homs at dawn, where teams have marked lanes for "
            "farmers to reach their fields.",
            credit="Handout from the civil defence directorate",
            alt_text="Fields in rows of green and gold running to a line of poplars under "
            "a pink dawn sky, an irrigation channel crossing them and a lone figure "
            "standing in the field.",
        ),
        body="""
Civil defence teams working west of Homs have cleared and marked a network of
access lanes across farmland, allowing farmers to reach fields they have not
worked for several seasons.

The lanes, marked with white-painted posts at regular intervals, connect villages
to the main irrigation channels and to the fields on either side. The directorate
in charge of the work said more than 30 kilometres of lanes had been checked so far.

## Slow and careful work

Teams of six work from first light until the midday heat makes it unsafe to
continue. Each stretch is surveyed, checked and then marked before farmers are
told it is open.

Their supervisor, Engineer Tarek Salloum, said the pace was deliberately slow.

> "Every farmer wants his field first, and I understand that. But we do not open a
> lane until we are certain. One day saved is not worth one accident."

The directorate has held meetings in each village to explain the markings and to
ask farmers to stay within the posts until their own fields have been surveyed.

## Farmers return

For Ahmad Khalil, who grows wheat and chickpeas near the river, the lanes mean he
can plant his full land for the first time in years. "My sons will not believe the
size of our farm when they see it green again," he said.

Several families said they had already prepared seed and were waiting for the
first autumn rains.

## What residents should know

The directorate repeated its advice to residents in the area:

- stay on marked lanes and do not move or remove posts;
- report any suspicious object to the directorate's hotline and keep away from it;
- keep children and livestock out of unmarked fields.

## Next phase

The next phase of work will cover orchards on the slopes north of the river, where
the ground is steeper and progress is expected to be slower. The directorate said
it was training two new teams for the work and hoped to finish before the spring
planting season.

Local councils in the area have promised to repair farm tracks once the lanes are
complete, so that tractors and harvesters can reach the fields.
""",
    ),
    ArticleData(
        headline="Desert highway east of Homs gets emergency call points",
        summary="Emergency telephones and lit rest areas are being installed every 20 "
        "kilometres along the desert highway, where breakdowns have stranded drivers.",
        dateline="Homs",
        author="omar-haddad",
        edition="syria",
        section="security",
        hours_ago=120,
        photo=PhotoData(
            scene="desert-road",
            mood="dusk",
            caption="The highway east of Homs at dusk, with the first of the new lit "
            "poles in place.",
            credit=STAFF,
            alt_text="A straight road running through sand dunes to the horizon at dusk, "
            "a dashed centre line and a row of lit poles along the roadside under an "
            "orange and purple sky.",
        ),
        body="""
Emergency call points and lit rest areas are being installed every 20 kilometres
along the desert highway east of Homs, the provincial roads directorate said this
week, after a summer in which dozens of drivers were stranded by breakdowns far
from help.

The first six call points are already working on the stretch nearest the city.
Each has a solar-powered telephone linked to a control room, a light, and a shaded
bench.

## Long distances, little signal

Mobile coverage along much of the highway is patchy, and a breakdown can leave a
driver hours from the nearest town. In August, the directorate said, a family whose
car overheated waited most of a day before a passing lorry stopped to help.

"The desert is beautiful from a moving car and cruel from a stopped one," said
the directorate's head of maintenance, Nabil Haddad. "A telephone, shade and a
light can be the difference between an inconvenience and a tragedy."

## Patrols and recovery trucks

Alongside the call points, two recovery trucks will be stationed at the midpoint
of the highway, and traffic police will increase patrols at night. Calls from the
telephones go to a control room in Homs, which can send a patrol, a recovery truck
or an ambulance.

> "We have mapped where breakdowns happen most often. The first call points go
> where the need is greatest, not where it is easiest to build."

That was how Mr Haddad explained the order in which the stretches are being
equipped.

## Drivers' views

Truck drivers at a fuel station outside the city welcomed the plan, but said the
road surface needed attention too. "Half the breakdowns are tyres," said one
driver, Samer Hilal, who carries building materials east twice a week. "Fix the
potholes and you will need fewer telephones."

The directorate said resurfacing of the worst sections was included in next year's
budget. All the call points are due to be in place by the spring.
""",
    ),
    ArticleData(
        headline="Aleppo municipal council opens its monthly sessions to the public",
        summary="Residents will be able to attend council sessions and put written "
        "questions to members, under new rules agreed this week.",
        dateline="Aleppo",
        author="omar-haddad",
        edition="syria",
        section="politics",
        hours_ago=64,
        photo=PhotoData(
            scene="government",
            mood="morning",
            caption="The municipal building, where the first open session will be held next month.",
            credit="Handout from the municipal council",
            alt_text="A stone municipal building with columns, a pediment and a "
            "dome, broad steps leading up from a square where a few people walk in "
            "morning light.",
        ),
        body="""
Aleppo's municipal council will open its monthly sessions to the public from next
month, allowing residents to watch debates and submit written questions to members.

The change was approved unanimously at the council's last closed session of the
year. The public gallery will seat up to 80 people, with places given on a
first-come basis.

## How it will work

Residents who want to ask a question must submit it in writing at least three days
before the session. The council's secretary will group similar questions, and
members will answer the most common ones at the end of each meeting. Written
replies will be posted on the notice board at the entrance to the municipal
building.

The council's head, Walid Sabbagh, said the aim was to bring residents closer to
the decisions that affect their streets.

> "People come to my office every day with the same questions about rubbish
> collection, water and roads. It makes more sense for them to hear the answers
> in the session, together, and for the answers to be written down."

## Questions from residents

Residents who spoke to newsite in the old city said they welcomed the change but
wanted to see whether it would lead to action.

"I will go to the first meeting and ask about the streetlights on our lane," said
Fatima Shami, a pharmacist. "If I hear the same answer as last year, I will not go
to the second one."

## Limits of the new rules

Some members had argued for sessions to be broadcast online, but the council said
it did not yet have the equipment to do so. Members agreed to review the question
again after six months.

Under the rules, the council can still hold closed sessions on staff matters and
on contracts under negotiation, but it must announce in advance that a session will
be closed and give a reason.

Hadi Nasr, a lawyer who advises neighbourhood committees in the city, said the
rules were a step in the right direction. "Openness is a habit," he said. "It
starts with a door that is unlocked once a month."
""",
    ),
    ArticleData(
        headline="Hama residents ask for a say in the water rationing timetable",
        summary="A petition signed by more than 2,000 residents asks the water company to "
        "consult neighbourhoods before changing the supply schedule.",
        dateline="Hama",
        author="omar-haddad",
        edition="syria",
        section="politics",
        hours_ago=175,
        photo=PhotoData(
            scene="waterwheel",
            mood="haze",
            caption="A water wheel on the river in Hama, where low summer levels have "
            "stretched the city's supply.",
            credit=SOCIAL_MEDIA,
            alt_text="A large wooden water wheel turning in a slow river beside an "
            "arched stone aqueduct, low buildings on the far bank in a dusty golden "
            "haze.",
        ),
        body="""
More than 2,000 residents of Hama have signed a petition asking the city's water
company to consult neighbourhoods before it changes the timetable that decides
when each district receives piped water.

The petition was delivered to the governorate building on Monday by a group of
neighbourhood representatives. It asks for the schedule to be published a week in
advance and for each district to have a named contact at the company.

## A timetable that keeps changing

Since the summer, low river levels and repairs to pumping stations have forced the
company to supply different parts of the city on different days. Residents say the
timetable has changed several times without warning, leaving families to fill
tanks in the middle of the night.

"My mother waited up until three in the morning last week, and the water never
came," said Rami Aswad, a teacher who helped collect signatures. "The next day we
found out the schedule had changed. Nobody told us."

## The company responds

The water company's director, Marwan Khoury, said he understood the frustration
and that the company would look at the petition's proposals.

> "We change the schedule because the situation changes: a pump fails, the river
> drops, a pipe bursts. But residents are right that they should hear about it
> from us, not from their neighbours."

He said the company would begin posting the weekly timetable at mosques, bakeries
and pharmacies in each district, and would trial text message alerts in two
neighbourhoods.

## What the petition asks

The petition sets out four requests:

1. a weekly timetable, published seven days ahead;
2. a named contact for each district;
3. priority supply for hospitals, schools and bakeries;
4. a public meeting every three months between the company and residents.

## Council support

Several members of the city council said they backed the petition, and the
council's services committee has invited the company to present its plans at its
next meeting.

For Rami Aswad, the aim is modest. "We are not asking for more water than there
is," he said. "We are asking to know when it will come."
""",
    ),
    ArticleData(
        headline="Latakia port reports its busiest month for containers in two years",
        summary="The port handled its highest monthly container volume in two years, "
        "driven by imports of building materials and exports of citrus.",
        dateline="Latakia",
        author="rana-mustafa",
        edition="syria",
        section="economy",
        hours_ago=8,
        photo=PhotoData(
            scene="port",
            mood="morning",
            caption="Cranes work a container ship at the port's main quay.",
            credit="Handout from the port authority",
            alt_text="Orange and blue container cranes over a ship at a quay in clear "
            "morning light, stacks of red, blue, yellow and green containers in the "
            "yard in front.",
        ),
        body="""
The port of Latakia handled more containers last month than in any month for two
years, according to figures released by the port authority on Sunday.

The authority said the increase was driven mainly by imports of building materials
and by exports of citrus fruit from the coastal plain, which reached the port
earlier than usual this season.

## Behind the numbers

Building materials, including steel reinforcing bars, tiles and pipes, made up the
largest share of imports. Traders said demand was coming from housing repairs and
small construction projects in the coastal provinces.

On the export side, growers shipped more oranges and lemons than last year, helped
by a mild spring and new packing houses near Jableh.

The authority's director of operations, Samer Kanaan, said the port had worked
hard to reduce waiting times.

> "A year ago a ship could wait several days at anchor before we had a berth for
> it. Last month the average wait was under a day. That is what shipping lines
> notice, and that is why they come back."

## Bottlenecks remain

Freight agents said the port itself was working better, but that moving containers
inland remained slow and costly. Trucks leaving the port often wait for hours at
weighing stations, and fuel costs have risen.

"The quay is fast now, the road is not," said Dima Saleh, who runs a small freight
agency in the city. "A container can reach Latakia from abroad faster than it can
reach Aleppo from Latakia."

## Citrus growers hopeful

For citrus growers, the faster port has meant fruit reaching buyers in better
condition. Youssef Ibrahim, who grows oranges near the coast, said he had received
his first export orders in three years.

"Fruit is a race against time," he said. "If the ship leaves on schedule, the
oranges arrive as oranges, not as juice."

The port authority said it expected volumes to stay high through the winter, when
citrus exports usually peak.
""",
    ),
    ArticleData(
        headline="Spring crops bring vegetable prices down in Damascus markets",
        summary="Prices of tomatoes, cucumbers and greens fell for a third week as spring "
        "harvests reached the wholesale market, traders and shoppers said.",
        dateline="Damascus",
        author="rana-mustafa",
        edition="syria",
        section="economy",
        hours_ago=140,
        photo=PhotoData(
            scene="market",
            mood="haze",
            caption="Stalls in a covered market in central Damascus, where produce "
            "prices have eased in recent weeks.",
            credit=STAFF,
            alt_text="A covered market street with striped awnings over stalls piled "
            "with oranges, tomatoes and green vegetables, and shoppers walking between "
            "them.",
        ),
        body="""
Vegetable prices in Damascus fell for the third week in a row as spring harvests
from the surrounding countryside reached the city's wholesale market, traders and
shoppers said.

The price of tomatoes in neighbourhood markets has fallen by about a third since
the start of the month, according to traders, and cucumbers, lettuce and parsley
are also cheaper. Potatoes and onions, which come from further away, have changed
little.

## Good weather, full trucks

Wholesalers said a mild, wet spring had brought an early and generous harvest in
the farms around the capital. More trucks are arriving each morning, and traders
are cutting prices to sell quickly before produce spoils.

"Every morning there is more than the day before," said Bassam Tawil, a wholesaler
who has traded in the market for twenty years. "When the market is full, the price
has only one direction to go."

## Relief for households

For families, the fall has brought some relief after a difficult winter. Shoppers
in a covered market in the centre of the city said they were buying more fresh
vegetables than they could a few months ago.

> "In January I bought two tomatoes at a time, and I counted them. Today I bought a
> kilo without thinking. It is a small thing, but it makes the week easier."

That was Lina Haddad, a mother of three, speaking as she filled her bag at a stall
near the market entrance.

## Not everyone gains

Farmers said lower prices were squeezing their incomes, because the costs of
fertiliser, seed and diesel for pumps remain high. Some said they were selling
below cost for the most plentiful crops.

"The city is happy and the farmer is worried," said Omar Jaber, who grows
vegetables south of the city. He called for more cold storage so that growers
could hold produce back when the market is flooded.

Traders expect prices to stay low for several more weeks, until the spring harvest
ends and summer crops begin to arrive from further afield.
""",
    ),
    ArticleData(
        headline="Choir returns to the stage of a restored Damascus cinema",
        summary="An amateur choir from the old city gave the first concert in a 1950s "
        "cinema that volunteers have spent three years bringing back to life.",
        dateline="Damascus",
        author="layla-aziz",
        edition="syria",
        section="culture",
        hours_ago=88,
        photo=PhotoData(
            scene="theatre",
            mood="dusk",
            caption="Members of the choir on stage in the restored cinema on Saturday.",
            credit="newsite / Layla Aziz",
            alt_text="A stage seen from the back of a dark hall, curtains on either side, "
            "spotlights falling on figures in silhouette and rows of audience heads in "
            "front.",
        ),
        body="""
For the first time in more than two decades, the curtains opened on Saturday night
at a small cinema in the old city of Damascus, as an amateur choir gave the first
concert in a hall that volunteers have spent three years restoring.

The cinema, built in the 1950s, closed in the late 1990s and was used as a store
for years afterwards. Its plaster ceiling had partly collapsed, and the seats had
long since been taken away.

## Three years of Fridays

A group of architects, carpenters and students began clearing the hall on Friday
mornings, their only free day. They repaired the ceiling, rebuilt the stage and
found 200 folding seats from a school that was replacing its own.

"We did not have money, so we had time instead," said Rima Khatib, an architect who
led the work. "Every Friday for three years. Some weeks there were forty of us,
some weeks there were four."

## A choir of neighbours

The choir that gave the opening concert has about thirty members, from students to
retired teachers, most of whom live within walking distance of the cinema. They
sang a programme of old songs from the city and a few newer pieces written for the
occasion.

The choir's conductor, Fadi Nassar, said the hall's acoustics had surprised
everyone.

> "A cinema is built for loudspeakers, not voices, so we expected the worst. But the
> wooden panels the volunteers put back on the walls are perfect. In the quiet
> songs you can hear a single singer from the last row."

## Plans for the hall

The volunteers hope the cinema will become a venue for concerts, small plays and
film screenings, run by a committee of residents. They are raising money for a
projector and for a new roof over the lobby, which still leaks in heavy rain.

For many in the audience, the evening was about memory as much as music. Suad Ali,
who is 81, said she had seen her first film in the same hall as a girl.

"I sat in the third row," she said. "Tonight I sat there again."
""",
    ),
    ArticleData(
        headline="Summer film nights begin on the slope below the Aleppo citadel",
        summary="Free outdoor screenings on the grass below the citadel drew families "
        "and students on the opening night of a month-long programme.",
        dateline="Aleppo",
        author="layla-aziz",
        edition="syria",
        section="culture",
        hours_ago=230,
        photo=PhotoData(
            scene="citadel",
            mood="dusk",
            caption="Lanterns strung above the audience as the first film night begins.",
            credit=SOCIAL_MEDIA,
            alt_text="A walled citadel with towers on a mound against an orange and "
            "purple dusk sky, strings of coloured lanterns across the foreground and "
            "people gathered below.",
        ),
        body="""
Hundreds of people spread blankets and folding chairs on the slope below Aleppo's
citadel on Thursday evening for the first of a month of free outdoor film
screenings.

The programme, organised by a group of young filmmakers with support from the
city's cultural directorate, will show a film every Thursday and Sunday evening
until the end of the summer.

## Old favourites and new work

Each night pairs a classic Arabic film with a short film made by a young director
from the region. The opening night showed a well-loved comedy from the 1970s,
preceded by a ten-minute documentary about a bicycle repair shop in the old city.

The programme's coordinator, Hala Mardini, said the mix was deliberate.

> "Families come for the film they remember, and they stay for the new one. For a
> young director, showing your work to a thousand people on a summer night is
> worth more than any festival prize."

## An audience of all ages

Children sat at the front, close to the screen, while older residents brought
chairs and flasks of tea. Vendors sold roasted corn and lemonade from carts at the
edge of the grass.

"It feels like the city is breathing again," said Khaled Hamwi, a student who came
with a group of friends. "We used to watch films on our phones. This is different.
You laugh together."

## Practical details

The organisers said they had arranged:

- seating for about 800 people on the slope, with space for more standing;
- a first-aid point and drinking water near the entrance;
- subtitles in English for some of the classic films.

Screenings begin at nine o'clock, after the heat of the day has passed. Entry is
free, and the organisers ask people to take their rubbish home.

The cultural directorate said it would consider extending the programme into the
autumn if attendance remained high.
""",
    ),
    ArticleData(
        headline="Homs club wins promotion on the last day of the season",
        summary="Al-Waer Youth secured promotion to the top division with a 3-0 win, "
        "finishing a point ahead of their rivals after a season-long race.",
        dateline="Homs",
        author="yusuf-darwish",
        edition="syria",
        section="sport",
        hours_ago=26,
        photo=PhotoData(
            scene="stadium",
            mood="dusk",
            caption="The ground at dusk as the final whistle of the season approaches.",
            credit=STAFF,
            alt_text="A football stadium at dusk, floodlight towers against a pink and "
            "purple sky, a crowded stand and players in coloured shirts on a striped "
            "green pitch.",
        ),
        body="""
Al-Waer Youth won promotion to the top division on the final day of the season,
beating Orontes Club 3-0 at home to finish a single point ahead of their nearest
rivals.

Thousands of supporters stayed in the ground long after the final whistle, singing
as the players walked a lap of honour with their children on their shoulders.

## A nervous start

The home side needed a win and knew that their rivals were leading in their own
match across the city. For half an hour, Al-Waer Youth looked anxious, and the
visitors hit the crossbar with a free kick.

The breakthrough came just before half-time, when the midfielder Kinan Sawaf
headed in a cross from the right. Two more goals followed in the second half, from
the striker Jad Mansour and a late penalty by the captain, Rabih Hallak.

"At half-time I told them the game was already won, they just had to believe it,"
said the coach, Ghassan Omari. "The first goal took the weight off their
shoulders."

## A season of patience

The club, which was relegated three seasons ago, rebuilt its squad around young
players from its own academy. Eight of the players who started on Saturday came
through the club's youth teams.

> "People told me we needed to buy experienced players to go up. I said we needed
> players who love this shirt. Today those boys showed that both things can be the
> same."

That was Mr Omari speaking to reporters in the tunnel, his voice hoarse.

## Looking ahead

The club's president said the board would invest in the stadium's pitch and
changing rooms before the new season, and would try to keep the squad together.

Supporters were already looking forward. "Next year the big clubs come here," said
Nizar Haddad, who has followed the team for forty years. "Let them come. This
ground will be full."

The season's top scorer, Jad Mansour, finished with 19 league goals. He said he
would stay with the club for the step up.
""",
    ),
    ArticleData(
        headline="Nine hundred runners take part in the first Latakia coastal 10K",
        summary="A new road race along the seafront drew runners of all ages, with a "
        "local student and a schoolteacher taking the top places.",
        dateline="Latakia",
        author="yusuf-darwish",
        edition="syria",
        section="sport",
        hours_ago=280,
        photo=PhotoData(
            scene="skyline",
            mood="morning",
            caption="The seafront in Latakia on the morning of the race.",
            credit="Handout from the race organisers",
            alt_text="A city skyline of low buildings behind a wide stretch "
            "of calm water in soft morning light, with palm trees at the edges of the "
            "frame.",
        ),
        body="""
About 900 runners took part in Latakia's first 10-kilometre road race on Friday
morning, following a course along the seafront and back through the city's
southern neighbourhoods.

The race, organised by a local running club with support from the municipality,
was open to anyone over sixteen. A shorter fun run for children attracted another
300 participants.

## The winners

The men's race was won by Majd Ibrahim, a 21-year-old engineering student, in 33
minutes and 40 seconds. He pulled away from a group of four runners in the last two
kilometres.

"I train on this road every morning before lectures," he said. "Today the road was
closed and full of people cheering. It felt like running in a stadium."

The women's race was won by Reem Youssef, a 34-year-old schoolteacher, who started
running three years ago to recover from an injury. She finished in 41 minutes and
12 seconds.

> "My pupils made a banner and stood at the eight-kilometre mark. When I saw it I
> could not slow down. I did not want to explain to them on Monday why their teacher
> was walking."

## A club that grew fast

The running club behind the race began with a dozen members who met on the
seafront on Friday mornings. It now has more than 200, about a third of them women.

The club's founder, Bashar Nader, said the race was meant to show that running
needs little more than a road and a pair of shoes.

"We did not want a race only for athletes," he said. "We wanted grandmothers,
students, doctors, fishermen. We had all of them today."

## Next year

The organisers said they would apply to extend the course to a half-marathon next
year, and would add more water stations after runners complained of the heat in
the final kilometres.

Results and photographs will be posted at the club's meeting point on the seafront,
and winners in each age group will receive medals at a small ceremony next week.
""",
    ),
    # --- Never shown to readers ------------------------------------------
    ArticleData(
        headline="Provincial budget review finds delays in school repairs",
        slug=DRAFT_SLUG,
        summary="An internal review of the provincial budget found that most school repair "
        "projects are behind schedule.",
        dateline="Baghdad",
        author="rana-mustafa",
        edition="iraq",
        section="economy",
        hours_ago=None,
        status=ArticleStatus.DRAFT,
        photo=PhotoData(
            scene="abstract",
            mood="dusk",
            caption="An illustration of the provincial budget review.",
            credit="newsite / Graphics desk",
            alt_text="An abstract graphic of translucent bars rising from left to right "
            "over a purple and orange wash, with soft overlapping circles.",
        ),
        body="""
A review of the provincial budget seen by newsite has found that most of the school
repair projects approved last year are behind schedule, with payments to
contractors delayed by several months.

The review was carried out by the finance department at the request of the
provincial council's education committee, which has been receiving complaints
from head teachers about unfinished work since the start of the school year.

## What the review found

The review covered forty repair projects, from roof replacements to new toilets
and classrooms. According to a summary shared with members, it found that:

- fewer than a third of the projects were finished on time;
- most of the delays followed late payments to contractors;
- several projects had been started before their designs were approved;
- a handful of schools were waiting for work that had not begun at all.

The review recommends that payments be made in stages tied to inspections, and
that each school receive a written timetable for its works.

## Schools waiting

Head teachers said the delays had left pupils in crowded or temporary rooms. One
head teacher in the west of the city said a roof repair promised for the summer
had still not started, and that two classrooms were closed whenever it rained.

> "We are not asking for new buildings. We are asking for the roof we were promised
> in June," said Sabah Jamil, who chairs a parents' committee at a primary school in
> the city.

## The council's response

The chair of the education committee said members would discuss the review at
their next meeting and invite the finance department to explain the delays.

Editors' note: the figures in this article are to be checked with the finance
committee before publication, and the department has been asked for comment. The
quote from the parents' committee needs a second source.

## What happens next

If the committee accepts the recommendations, the changes to the payment system
could apply to next year's projects. Contractors' associations have said they
would welcome faster and more predictable payments.

Draft: to be completed after the committee's meeting on Thursday.
""",
    ),
    ArticleData(
        headline="What to see at this year's summer festival on the coast",
        slug=SCHEDULED_SLUG,
        summary="Concerts, open-air films and a craft market: a guide to the highlights "
        "of the summer festival in Latakia.",
        dateline="Latakia",
        author="layla-aziz",
        edition="syria",
        section="culture",
        hours_ago=-30 * 24,
        status=ArticleStatus.SCHEDULED,
        photo=PhotoData(
            scene="citadel",
            mood="night",
            caption="Lanterns above the festival grounds on a summer night.",
            credit="Handout from the festival organisers",
            alt_text="A walled fortress on a hill under a starry night sky, glowing "
            "lanterns strung across the foreground above a crowd in silhouette.",
        ),
        body="""
The summer festival returns to the coast next month with ten days of concerts,
open-air films, theatre for children and a craft market along the seafront in
Latakia. Here is our guide to the highlights.

## Music by the harbour

Evening concerts will be held on a stage by the old harbour, with choirs and bands
from across the region. The opening night belongs to a youth orchestra formed
last year, which will play a programme of film music and folk songs arranged for
strings.

Later in the week, a night of songs from the coastal villages will bring together
singers who have rarely performed outside their own weddings and festivals.

> "We wanted something for every age, and something for every corner of the
> coast," said the festival's director, Maya Salem.

## Films under the stars

Each evening after the concerts, a film will be shown on a large screen on the
beach. The programme mixes family favourites with new short films by young
directors, several of them shot in the city.

## Crafts and food

The craft market will run every afternoon along the seafront promenade. Among the
stalls to look out for:

- wood carvers and makers of inlaid boxes;
- potters from the mountain villages behind the coast;
- weavers selling cushions and bags made from recycled fabric;
- cooks selling bread, sweets and fish sandwiches.

Organisers said there would be more shade and seating this year, after visitors
complained of the heat in the afternoon.

## Practical advice

Most events are free. Concerts begin at eight in the evening and films at around
ten. The organisers recommend arriving early for the opening night, and bringing
water and something to sit on for the films.

Parking near the seafront will be limited, and the municipality plans to run extra
buses from the city centre in the evenings.

Full programme to follow when the organisers confirm the final dates.
""",
    ),
]


@dataclass(frozen=True)
class CommentData:
    """A demo comment; `replies` answer it, `hours_after` counts from publication."""

    name: str
    body: str
    hours_after: float
    replies: tuple[CommentData, ...] = ()


# Comments by article slug, oldest first. Fictional readers, our own words.
COMMENTS: dict[str, tuple[CommentData, ...]] = {
    ANATOMY_ARTICLE_SLUG: (
        CommentData(
            "Hassan from Tel Kaif",
            "I drove through at seven this morning and it took twenty minutes instead of "
            "three hours. The new lanes make a real difference.",
            1.0,
            replies=(
                CommentData(
                    "Samira",
                    "Good to hear. Was the lane for trucks already open, or only the one for cars?",
                    1.5,
                    replies=(
                        CommentData(
                            "Hassan from Tel Kaif",
                            "Both were open, but the truck lane was still being painted.",
                            1.8,
                        ),
                    ),
                ),
            ),
        ),
        CommentData(
            "A. Jabbar",
            "Six weeks is a long time for the traders in the market. I hope the council keeps "
            "its promise about the timetable.\nThe last one was never published.",
            1.2,
        ),
    ),
    "baghdad-council-votes-to-publish-its-spending-records-online": (
        CommentData(
            "Mariam K.",
            "About time. Will the records include the contracts themselves or only the totals?",
            3.0,
            replies=(
                CommentData(
                    "Yusuf",
                    "The article says contracts above the threshold, so the details should be "
                    "there.",
                    4.0,
                ),
            ),
        ),
        CommentData("Ali Hameed", "Publishing is the easy part. Who will read them?", 5.5),
    ),
    "late-penalty-sends-tigris-stars-into-the-cup-semi-finals": (
        CommentData(
            "Karrar",
            "Was in the stand behind the goal. Never seen a crowd that loud in that stadium!",
            0.5,
        ),
        CommentData("Zainab", "Deserved. They played better in the second half.", 2.0),
        CommentData(
            "Old fan",
            "A penalty in the last minute is never 'deserved' for the other side 😄",
            2.5,
            replies=(CommentData("Zainab", "Fair enough, but it was a foul.", 3.0),),
        ),
    ),
    "hama-residents-ask-for-a-say-in-the-water-rationing-timetable": (
        CommentData(
            "Rim",
            "Our street gets water on the same two days as the bakery, so pressure is low all "
            "morning. A say in the timetable would help.",
            6.0,
        ),
        CommentData("شادي", "نتمنى أن يُنشر الجدول الجديد قبل بداية الصيف.", 7.0),
    ),
    "choir-returns-to-the-stage-of-a-restored-damascus-cinema": (
        CommentData(
            "Nour",
            "My grandmother sang in this choir in the seventies. She cried when she read this.",
            8.0,
            replies=(CommentData("Lina", "What a lovely thing to share. Thank you.", 9.0),),
        ),
    ),
}


# Topics that run across editions and sections, by article headline.
TAGS: dict[str, tuple[str, ...]] = {
    "Checkpoint reopens on the road to the northern crossing": ("Roads and travel", "Borders"),
    "Night patrols added at Basra port after warehouse break-ins": ("Ports and trade",),
    "Baghdad council votes to publish its spending records online": ("Local government",),
    "Kirkuk council ends months of deadlock with a rotating chair": ("Local government",),
    "Farmers on the Euphrates turn to drip lines as the river runs low": ("Water", "Farming"),
    "New Erbil wholesale market opens with half its stalls let": ("Markets",),
    "Desert highway east of Homs gets emergency call points": ("Roads and travel",),
    "Aleppo municipal council opens its monthly sessions to the public": ("Local government",),
    "Hama residents ask for a say in the water rationing timetable": ("Water",),
    "Latakia port reports its busiest month for containers in two years": ("Ports and trade",),
    "Spring crops bring vegetable prices down in Damascus markets": ("Markets", "Farming"),
    "Clearance teams mark safe lanes through farmland outside Homs": ("Farming",),
}
