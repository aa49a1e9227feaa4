"""Give the lead article (the newest public one) a busy thread of 50 visible comments.

The article page is measured with this many comments, so that its figure covers a
thread as long as a story that draws readers has. Run by `common.prepare_database`
after `flask seed`, with the throwaway site's environment; the comments go through
the comment service, as readers' do, and a second run adds none.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsite import create_app  # noqa: E402  (the project is put on the path just above)
from newsite.comments.services import NewComment, post_comment  # noqa: E402
from newsite.extensions import db  # noqa: E402
from newsite.models import Article  # noqa: E402

COMMENTS = 50
NAMES = ("Layla", "Omar", "Dana", "Karim", "Noor", "Sami", "Rana", "Yusuf")
OPENINGS = (
    "The queue at the crossing was shorter this morning than it has been all month.",
    "My brother drives this road every week and says the new lanes help.",
    "Good to read the details rather than rumours passed around on phones.",
    "I hope the reopening lasts longer than the one last spring.",
    "Traders in our market will feel the difference before anyone else does.",
)
CLOSINGS = (
    "Thank you for the careful reporting.",
    "Please follow up in a month and tell us whether it held.",
    "More stories like this one, please.",
    "",
)


def main() -> None:
    """Post comments on the lead article until it has COMMENTS visible ones.

    Each comment comes from its own reader: the site takes the same text from the same
    reader twice as one comment, and several readers make a thread as it is on the site.
    The loop is bounded, so a comment that does not count (held, or taken as a repeat)
    stops it with an error instead of spinning.
    """
    app = create_app()
    with app.app_context():
        article = db.session.scalar(Article.public().limit(1))
        if article is None:
            sys.exit("busy_thread: there is no public article; run 'flask seed' first.")
        for number in range(COMMENTS * 2):
            if article.comment_count >= COMMENTS:
                break
            name = f"{NAMES[number % len(NAMES)]} ({number + 1})"
            body = f"{OPENINGS[number % len(OPENINGS)]} {CLOSINGS[number % len(CLOSINGS)]}"
            new = NewComment(
                name=name,
                email=None,
                body=body.strip(),
                parent_id=None,
                commenter_id=f"bench-reader-{number}",
            )
            post_comment(article, new)
            db.session.commit()
            db.session.refresh(article)
        if article.comment_count < COMMENTS:
            sys.exit(
                f"busy_thread: {article.slug} has {article.comment_count} comments, "
                f"not {COMMENTS}: some were held or refused."
            )
        print(f"{article.slug}: {article.comment_count} comments")


if __name__ == "__main__":
    main()
