"""A video in a demo story, with its card stored as if oEmbed had answered: the demo
needs no network, and its thumbnail is a picture Pillow paints here."""

from __future__ import annotations

import io

import sqlalchemy as sa

from newsite.demo.images import render
from newsite.embeds import fetch_missing, recognise, store_thumbnail
from newsite.extensions import db
from newsite.models import Article, Embed, utcnow

# The Blender Foundation's open film, shown on the programme's opening night.
VIDEO_URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
VIDEO_TITLE = "Big Buck Bunny – Blender Foundation open film"
ARTICLE_SLUG = "summer-film-nights-begin-on-the-slope-below-the-aleppo-citadel"
PARAGRAPH = (
    "Before the main feature, the organisers showed an open-licence animated short "
    "that anyone may screen:\n\n" + VIDEO_URL + "\n"
)


def seed_embeds() -> int:
    """Store the demo video's card and put the video in its story, once: after that the
    story is the editors'. Returns how many videos were added. Commits."""
    video = recognise(VIDEO_URL)
    assert video is not None
    article = db.session.scalar(sa.select(Article).filter_by(slug=ARTICLE_SLUG))
    known = db.session.scalar(sa.select(Embed.id).filter_by(url=video.url))
    if article is None or known is not None:
        return 0
    picture = io.BytesIO()
    render("theatre", "dusk", seed=VIDEO_URL).save(picture, "PNG")
    db.session.add(
        Embed(
            url=video.url,
            provider=video.provider,
            video_id=video.video_id,
            title=VIDEO_TITLE,
            thumbnail=store_thumbnail(video, picture.getvalue()),
            ok=True,
            fetched_at=utcnow(),
        )
    )
    db.session.commit()
    body = article.body.rstrip() + "\n\n" + PARAGRAPH
    fetch_missing(body)  # as an editor's save does: finds the card above, asks no one
    article.body = body
    db.session.commit()
    return 1
