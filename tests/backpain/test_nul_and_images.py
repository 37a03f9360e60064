"""A NUL in an address never reaches a query; Markdown shows images from this site only."""

import pytest

from backpain.markdown import render_markdown

pytestmark = pytest.mark.django_db


def test_a_nul_in_a_page_address_is_not_found(client):
    response = client.get("/causes/over%00use/")
    assert response.status_code == 404
    assert "999" in response.content.decode()


@pytest.mark.parametrize("query", ["?q=back%00pain", "?kind__exact=red_flag%00"])
def test_a_nul_in_an_admin_filter_is_refused_before_any_query(admin_client, query):
    response = admin_client.get("/admin/triage/rule/" + query)
    assert response.status_code == 400


def test_markdown_keeps_images_from_this_site_and_drops_outside_ones():
    html = render_markdown(
        "![a](https://tracker.example/p.gif) ![b](//cdn.example/x.png) ![c](/static/c.png)"
    )
    assert "tracker.example" not in html and "cdn.example" not in html
    assert 'src="/static/c.png"' in html
