"""A server error answers htmx where the reader is looking (issue 13, item 3): the
status line of the form or widget that asked, never a whole page in a small box."""

from __future__ import annotations

import pytest


@pytest.mark.server_error
def test_a_500_to_htmx_is_a_message_for_the_asking_forms_status_line(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("kaboom")

    client = app.test_client()
    form = client.get("/boom", headers={"HX-Request": "true", "HX-Target": "comment-form"})
    assert form.status_code == 500
    assert form.headers["HX-Retarget"] == "#comment-form-status"
    assert "Our server had a problem" in form.text and "<html" not in form.text
    like = client.get("/boom", headers={"HX-Request": "true", "HX-Target": "like-12"})
    assert like.headers["HX-Retarget"] == "#like-12"
    assert like.headers["HX-Reswap"] == "afterend"
    page = client.get("/boom")
    assert "<html" in page.text  # without htmx: the branded page
