"""The demo newsroom's own pages (in both languages), its masthead and a live
breaking-news banner: `seed_newsroom`, called by `newsite.demo.seed.seed`.

All of it is written for this project; the names are invented. `{site}` in a page's
text is the site's name (SITE_NAME) when the seed writes it.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import current_app

from newsite import models
from newsite.banners import MAX_DURATION
from newsite.demo import content, content_ar
from newsite.extensions import db
from newsite.models import Article, Author, Banner, Edition, Page

# slug -> language -> (title, Markdown body)
PAGES: dict[str, dict[str, tuple[str, str]]] = {
    "about": {
        "en": (
            "About us",
            """\
{site} is an independent regional newsroom. We report on Iraq and Syria in English and
in Arabic, from the cities our reporters live in.

## What we cover

Security, politics, the economy, culture and sport, in three editions: Iraq News, Syria
News and our Arabic edition, which is written in Arabic rather than translated into it.

## How we work

Every story names the reporter who wrote it and the city they filed from. Editors check
each story before it is published, and we correct our mistakes in public: see our
[corrections policy](/corrections-policy) and the [list of corrections](/corrections).
Our [ethics policy](/ethics) says what we promise our readers, and the
[masthead](/masthead) who is responsible for what.

## This demo

This is a demonstration site. All its stories, names and photos are fictional.
""",
        ),
        "ar": (
            "من نحن",
            """\
{site} غرفة أخبار إقليمية مستقلة، نغطي العراق وسوريا بالعربية والإنجليزية، من المدن
التي يعيش فيها مراسلونا.

## ماذا نغطي

الأمن والسياسة والاقتصاد والثقافة والرياضة، في ثلاث نسخ: أخبار العراق وأخبار سوريا
ونسختنا العربية، التي تُكتب بالعربية ولا تُترجم إليها.

## كيف نعمل

يحمل كل خبر اسم المراسل الذي كتبه والمدينة التي أرسله منها. يراجع المحررون كل خبر قبل
نشره، ونصحّح أخطاءنا علنًا: انظر [سياسة التصحيحات](/corrections-policy/ar)
و[قائمة التصحيحات](/corrections/ar). وتبيّن [سياستنا التحريرية والأخلاقية](/ethics/ar)
ما نلتزم به أمام قرّائنا، وتعرّف [هيئة التحرير](/masthead/ar) بالمسؤولين عن عملنا.

## موقع تجريبي

هذا موقع للعرض فقط، وكل ما فيه من أخبار وأسماء وصور من نسج الخيال.
""",
        ),
    },
    "ethics": {
        "en": (
            "Ethics policy",
            """\
We work for our readers, and for no one else. These are the rules every reporter and
editor at {site} follows.

## Independence

- No government, party, armed group, company or donor decides what we cover or how.
- We do not accept gifts, paid trips or payment for coverage. A sponsored story is
  labelled as one, written apart from the newsroom, and never presented as our reporting.
- Advertisers and sponsors see a story when our readers do, not before.

## Sourcing

- We say how we know what we report: who told us, what we saw, which documents we read.
- Claims that could harm someone need two independent sources, or a document we have
  checked, before we publish them.
- We grant anonymity only when a source would be in danger or lose their livelihood for
  speaking, and only when what they tell us matters. An editor must know who they are.
- We never pay sources, and we never invent or merge people, quotes or scenes.

## Conflicts of interest

- Staff tell their editor about any tie that could bear on a story: family, money,
  political activity, a former employer. The editor decides whether they may work on it.
- Reporters do not cover organisations they belong to or have worked for in the last
  two years.
- If a conflict comes to light after publication, we say so in the story.

## Fairness and safety

- People we report on hear what we will say about them and have time to answer.
- We do not show the faces or names of children, of victims of sexual violence or of
  people who would be put at risk by being named.
- We avoid images of the dead and the wounded unless they are needed to tell the story.

## When we fall short

We correct errors openly, as our [corrections policy](/corrections-policy) explains.
To report a breach of these rules, write to [standards@example.org](mailto:standards@example.org).
""",
        ),
        "ar": (
            "السياسة التحريرية والأخلاقية",
            """\
نعمل لقرّائنا ولا أحد سواهم. هذه هي القواعد التي يلتزم بها كل مراسل ومحرر في {site}.

## الاستقلالية

- لا تقرّر أي حكومة أو حزب أو جماعة مسلحة أو شركة أو جهة مانحة ما نغطيه ولا كيف نغطيه.
- لا نقبل الهدايا ولا الرحلات المدفوعة ولا المال مقابل التغطية. ويحمل المحتوى المموَّل
  علامة واضحة، ويُكتب بعيدًا عن غرفة الأخبار، ولا يُقدَّم أبدًا على أنه من تقاريرنا.
- لا يطّلع المعلنون والرعاة على أي خبر قبل أن يطّلع عليه قرّاؤنا.

## المصادر

- نقول كيف عرفنا ما ننشره: من أخبرنا، وماذا رأينا، وأي وثائق قرأنا.
- لا ننشر ادعاءً قد يسيء إلى أحد قبل أن يؤكده مصدران مستقلان، أو وثيقة تحققنا منها.
- لا نخفي اسم مصدر إلا إذا كان الكلام يعرّضه للخطر أو يفقده رزقه، وكانت معلوماته
  مهمة حقًا، ويجب أن يعرف أحد المحررين هويته.
- لا ندفع المال للمصادر، ولا نختلق أشخاصًا أو أقوالًا أو مشاهد ولا ندمج بعضها في بعض.

## تضارب المصالح

- يبلغ العاملون محرّرهم بأي صلة قد تؤثر في خبر ما: قرابة أو مال أو نشاط سياسي أو عمل
  سابق، ويقرّر المحرر إن كان بوسعهم العمل عليه.
- لا يغطي المراسلون جهات ينتمون إليها أو عملوا فيها خلال العامين الماضيين.
- إذا ظهر تضارب في المصالح بعد النشر، ذكرناه في الخبر نفسه.

## الإنصاف والسلامة

- نعرض على من نكتب عنهم ما سنقوله عنهم، ونمنحهم وقتًا كافيًا للرد.
- لا ننشر وجوه الأطفال أو أسماءهم، ولا أسماء ضحايا العنف الجنسي، ولا أسماء من قد
  يتعرّضون للخطر إن ذُكروا.
- نتجنب صور القتلى والجرحى إلا إذا كانت ضرورية لرواية القصة.

## حين نقصّر

نصحّح أخطاءنا علنًا كما تشرح [سياسة التصحيحات](/corrections-policy/ar). وللإبلاغ عن
مخالفة لهذه القواعد راسلنا على [standards@example.org](mailto:standards@example.org).
""",
        ),
    },
    "corrections-policy": {
        "en": (
            "Corrections policy",
            """\
We try to get every fact right. When we get one wrong, we fix it and say so.

## How we correct

- A factual error is corrected in the story as soon as we have checked it.
- The story then carries a note saying what was wrong and when it was corrected. A
  serious error is noted above the story, a minor one below it. We do not quietly change
  a story, and we do not delete corrections.
- A clarification adds context a story lacked, or rewords something that could be
  misread, even though no fact in it was wrong; it is noted in the same way.
- Spelling and style fixes that change no fact are made without a note.
- A correction moves the story's "Updated" time. Every correction is also listed, newest
  first, on our [corrections page](/corrections), which has its own feed.

## What we do not do

We do not remove a story because someone dislikes it. We take a story down only when
keeping it would put someone in danger or break the law, and then we say that we have.

## Tell us about a mistake

Write to [corrections@example.org](mailto:corrections@example.org) with the story's
address and what you believe is wrong. An editor reads every message and answers within
two working days.
""",
        ),
        "ar": (
            "سياسة التصحيحات",
            """\
نحرص على صحة كل معلومة ننشرها، وإذا أخطأنا صحّحنا الخطأ وأعلنّا ذلك.

## كيف نصحّح

- نصحّح الخطأ في المعلومات داخل الخبر فور التحقق منه.
- ثم يحمل الخبر ملاحظة تذكر ما كان خاطئًا ومتى صُحّح. نضع ملاحظة الخطأ الجسيم أعلى
  الخبر، والخطأ الطفيف أسفله. لا نغيّر خبرًا دون إشارة، ولا نحذف التصحيحات.
- أما التوضيح فيضيف سياقًا كان ينقص الخبر، أو يعيد صياغة عبارة قد يُساء فهمها وإن لم
  تكن فيها معلومة خاطئة، ونشير إليه بالطريقة نفسها.
- تصحيح الإملاء والأسلوب الذي لا يغيّر أي معلومة يجري دون ملاحظة.
- يغيّر التصحيح وقت «التحديث» المعروض مع الخبر، ونُدرج كل تصحيح، الأحدث أولًا، في
  [صفحة التصحيحات](/corrections/ar) التي لها موجزها الخاص.

## ما لا نفعله

لا نحذف خبرًا لأن أحدًا لم يعجبه. لا نسحب خبرًا إلا إذا كان بقاؤه يعرّض أحدًا للخطر أو
يخالف القانون، وعندها نعلن أننا سحبناه.

## أبلغنا عن خطأ

راسلنا على [corrections@example.org](mailto:corrections@example.org) مع رابط الخبر وما
تراه خاطئًا فيه. يقرأ أحد المحررين كل رسالة ويرد عليها خلال يومَي عمل.
""",
        ),
    },
    "masthead": {
        "en": (
            "Masthead",
            "The people responsible for what {site} publishes, and the reporters on its "
            "staff. Write to any of us at [newsroom@example.org](mailto:newsroom@example.org).\n",
        ),
        "ar": (
            "هيئة التحرير",
            "المسؤولون عمّا ينشره {site}، ومراسلوه الدائمون. يمكنكم مراسلة أيٍّ منا على "
            "[newsroom@example.org](mailto:newsroom@example.org).\n",
        ),
    },
    "privacy": {
        "en": (
            "Privacy",
            """\
You can read everything on this site without an account and without being tracked. This
is what we keep, and why.

## Reading

We count how often each story is read, to show "Most read". The count is a number per
story; it is not tied to you. We load no advertising, analytics or social media scripts,
and no other company's pixels or fonts.

## Commenting and voting

When you comment or vote, your browser gets a cookie holding a random number, so that we
can show you your own vote and your comments awaiting moderation. A comment keeps the name
you give and, if you give it, your email address, which is never shown. We never store
your internet address: to stop floods and abuse we keep only a scrambled code made from it.

## Breaking news

When you dismiss a breaking-news banner, your browser keeps a cookie listing the banners
you dismissed, until the last of them expires. It holds nothing else.

## Sharing

The share buttons are plain links: nothing is sent to WhatsApp, Telegram, Facebook or X
unless you press one.

## Questions

Write to [privacy@example.org](mailto:privacy@example.org).
""",
        ),
        "ar": (
            "الخصوصية",
            """\
يمكنك قراءة كل ما في هذا الموقع دون حساب ودون أن يتتبعك أحد. هذا ما نحفظه، ولماذا.

## القراءة

نحصي عدد قراءات كل خبر لنعرض قائمة «الأكثر قراءة». العدد رقم لكل خبر ولا يرتبط بك. لا
نحمّل أي إعلانات أو أدوات تحليل أو نصوص لمواقع التواصل، ولا أي متتبعات أو خطوط من شركات
أخرى.

## التعليق والتصويت

عندما تعلّق أو تصوّت يحصل متصفحك على ملف تعريف ارتباط يحمل رقمًا عشوائيًا، لنعرض لك
تصويتك وتعليقاتك التي تنتظر المراجعة. يحفظ التعليق الاسم الذي تكتبه، وبريدك الإلكتروني
إن كتبته، ولا يُعرض البريد أبدًا. لا نحفظ عنوان الإنترنت الخاص بك أبدًا، بل نحفظ رمزًا
مموّهًا مشتقًا منه لمنع الإغراق والإساءة.

## الأخبار العاجلة

عندما تخفي شريط خبر عاجل، يحتفظ متصفحك بملف تعريف ارتباط يسرد الأشرطة التي أخفيتها حتى
ينتهي آخرها، ولا يحمل شيئًا غير ذلك.

## المشاركة

أزرار المشاركة روابط عادية: لا يُرسل شيء إلى واتساب أو تيليغرام أو فيسبوك أو إكس إلا
إذا ضغطت أحدها.

## أسئلة

راسلنا على [privacy@example.org](mailto:privacy@example.org).
""",
        ),
    },
    "contact": {
        "en": (
            "Contact us",
            """\
We read everything readers send us.

- **News tips and stories:** [newsroom@example.org](mailto:newsroom@example.org)
- **Corrections:** [corrections@example.org](mailto:corrections@example.org)
- **Comments and moderation:** [moderators@example.org](mailto:moderators@example.org)
- **Privacy:** [privacy@example.org](mailto:privacy@example.org)

Our reporters work from Baghdad, Mosul, Basra, Damascus and Aleppo.
""",
        ),
        "ar": (
            "اتصل بنا",
            """\
نقرأ كل ما يرسله إلينا القرّاء.

- **الأخبار والمعلومات:** [newsroom@example.org](mailto:newsroom@example.org)
- **التصحيحات:** [corrections@example.org](mailto:corrections@example.org)
- **التعليقات والإشراف عليها:** [moderators@example.org](mailto:moderators@example.org)
- **الخصوصية:** [privacy@example.org](mailto:privacy@example.org)

يعمل مراسلونا من بغداد والموصل والبصرة ودمشق وحلب.
""",
        ),
    },
}

# Who else is on the masthead beyond the reporters and editors whose profiles
# `content_bylines` writes: (slug, name, title, place, biography).
MASTHEAD = [
    (
        "tariq-nouri",
        "Tariq Nouri",
        "Standards editor",
        8,
        "Tariq Nouri looks after our ethics and corrections policies and answers readers "
        "who write to corrections@example.org.",
    ),
]

# A live banner on each of these editions: (edition, article slug, text).
BANNERS = [
    (
        "iraq",
        content.ANATOMY_ARTICLE_SLUG,
        "Northern crossing checkpoint reopens: expect long queues this morning",
    ),
    (
        "arabic",
        content_ar.ANATOMY_TRANSLATION_SLUG,
        "إعادة فتح نقطة التفتيش على طريق المعبر الشمالي وسط طوابير طويلة",
    ),
]


def seed_newsroom() -> str:
    """Write the missing pages, the masthead once, and a banner on each edition that has
    none live (banners expire: a later day's run raises a fresh one). Commits."""
    pages = _seed_pages()
    _seed_masthead()
    banners = _seed_banners(models.utcnow())
    db.session.commit()
    return f"{pages} new newsroom pages, {banners} new breaking banners"


def _seed_pages() -> int:
    site = current_app.config["SITE_NAME"]
    created = 0
    written = {tuple(row) for row in db.session.execute(sa.select(Page.slug, Page.language))}
    for slug, languages in PAGES.items():
        for language, (title, body) in languages.items():
            if (slug, language) not in written:
                db.session.add(
                    Page(slug=slug, language=language, title=title, body=body.format(site=site))
                )
                created += 1
    return created


def _seed_masthead() -> None:
    """Add the masthead's people who have no profile yet, once: after that the
    masthead is the editors'."""
    for slug, name, title, position, bio in MASTHEAD:
        if db.session.scalar(sa.select(Author.id).filter_by(slug=slug)) is None:
            db.session.add(
                Author(
                    slug=slug,
                    name=name,
                    bio=bio,
                    title=title,
                    is_staff=True,
                    masthead_position=position,
                )
            )


def _seed_banners(now: datetime) -> int:
    created = 0
    for edition_slug, article_slug, text in BANNERS:
        edition = db.session.scalar(sa.select(Edition).filter_by(slug=edition_slug))
        article = db.session.scalar(sa.select(Article).filter_by(slug=article_slug))
        if edition is None or article is None or not article.is_public:
            continue
        live = sa.select(Banner.id).where(
            Banner.edition_id == edition.id,
            Banner.taken_down_at.is_(None),
            Banner.expires_at > now,
        )
        if db.session.scalar(live.limit(1)) is None:
            # The longest a banner may last: a demo seeded today still has it tomorrow.
            db.session.add(
                Banner(
                    edition_id=edition.id,
                    article_id=article.id,
                    text=text,
                    expires_at=now + MAX_DURATION,
                )
            )
            created += 1
    return created
