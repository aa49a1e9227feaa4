"""Demo content for the desk's photos and expiry: focal points on the demo photos
(not all centred) and their 3:2 and 16:9 crops, one article with a gallery, and one
article taken down by its "Unpublish at" time.

Idempotent like the rest of the seed: rows are looked up, only what is missing is made;
a photo whose crops exist is left as an editor may have set it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from newsite.crops import remove_old_crops, write_crops
from newsite.demo.images import render
from newsite.extensions import db
from newsite.models import Article, ArticleStatus, Author, Edition, GalleryItem, Photo, Section
from newsite.photos import add_photo

# Where the demo stories' lead photos should be cut around (percent across, down).
FOCAL_POINTS = {
    "checkpoint-reopens-on-the-road-to-the-northern-crossing": (42, 58),
    "night-patrols-added-at-basra-port-after-warehouse-break-ins": (62, 55),
    "farmers-on-the-euphrates-turn-to-drip-lines-as-the-river-runs-low": (30, 65),
    "late-penalty-sends-tigris-stars-into-the-cup-semi-finals": (55, 45),
    "latakia-port-reports-its-busiest-month-for-containers-in-two-years": (70, 50),
    "summer-film-nights-begin-on-the-slope-below-the-aleppo-citadel": (60, 35),
}

GALLERY_ARTICLE = "desert-highway-east-of-homs-gets-emergency-call-points"
# (scene, mood, caption, credit, alt text, focal point)
GALLERY = (
    (
        "desert-road",
        "dawn",
        "The first call point, 40 km east of Homs, at dawn.",
        "Demo Photo Desk",
        "A straight desert road under a pale dawn sky.",
        (35, 60),
    ),
    (
        "desert-road",
        "noon",
        "Road crews at the halfway mark, where the network's repeater stands.",
        "Demo Photo Desk",
        "A desert road in the midday glare.",
        (65, 55),
    ),
    (
        "skyline",
        "dusk",
        "Palmyra's outskirts at dusk, the last stretch the call points cover.",
        "Demo Photo Desk",
        "Low buildings against an orange evening sky.",
        (50, 50),
    ),
)

EXPIRED_SLUG = "demo-expired-ramadan-market-hours"


def seed_desk_photos(now: datetime) -> None:
    """Focal points and crops, the gallery and the expired article, where missing."""
    _seed_gallery()
    _seed_expired(now)
    db.session.commit()
    _seed_crops()


def _seed_gallery() -> None:
    article = db.session.scalar(sa.select(Article).filter_by(slug=GALLERY_ARTICLE))
    if article is None or article.gallery:
        return
    items = []
    for position, (scene, mood, caption, credit, alt, focal) in enumerate(GALLERY):
        photo = add_photo(
            render(scene, mood, seed=f"gallery-{position}"),
            caption=caption,
            credit=credit,
            alt_text=alt,
        )
        photo.focal_x, photo.focal_y = focal
        items.append(GalleryItem(photo=photo, position=position, caption=caption, credit=credit))
    article.gallery = items


def _seed_expired(now: datetime) -> None:
    if db.session.scalar(sa.select(Article.id).filter_by(slug=EXPIRED_SLUG)) is not None:
        return
    edition = db.session.scalar(sa.select(Edition).filter_by(slug="iraq"))
    section = db.session.scalar(sa.select(Section).filter_by(slug="economy"))
    author = db.session.scalar(sa.select(Author).order_by(Author.id))
    if edition is None or section is None or author is None:
        return
    db.session.add(
        Article(
            slug=EXPIRED_SLUG,
            headline="Baghdad markets keep longer hours for the holiday week",
            summary="The extended hours ended with the holiday; the notice came down with them.",
            body="Markets in central Baghdad stayed open until midnight for the holiday week.\n",
            dateline="Baghdad",
            status=ArticleStatus.PUBLISHED,
            published_at=now - timedelta(days=9),
            unpublish_at=now - timedelta(days=2),
            edition=edition,
            section=section,
            author=author,
        )
    )


def _seed_crops() -> None:
    """Crops for every photo that has none, around its demo focal point; committed
    photo by photo, as `flask photos crops` does."""
    focal = dict(
        db.session.execute(
            sa.select(Article.lead_photo_id, Article.slug).where(
                Article.slug.in_(FOCAL_POINTS), Article.lead_photo_id.is_not(None)
            )
        ).all()
    )
    ids = db.session.scalars(sa.select(Photo.id).where(Photo.crops_version == 0)).all()
    for photo_id in ids:
        photo = db.session.get_one(Photo, photo_id)
        if photo_id in focal:
            photo.focal_x, photo.focal_y = FOCAL_POINTS[focal[photo_id]]
        write_crops(photo)
        db.session.commit()
        remove_old_crops(photo)
