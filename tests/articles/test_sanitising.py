import pytest
from pytest_django.asserts import assertContains, assertNotContains

from backpain.markdown import render_markdown
from tests.articles.factories import make_article


def test_a_script_tag_and_its_contents_are_removed():
    html = render_markdown("Hello <script>alert('stolen')</script> runner")
    assert "<script" not in html
    assert "alert" not in html
    assert "Hello" in html and "runner" in html


def test_an_onerror_handler_is_removed_from_an_image():
    html = render_markdown('<img src="/static/x.png" onerror="alert(1)" alt="x">')
    assert "onerror" not in html
    assert "alert" not in html
    # Only images from this site keep their address (tests/backpain/test_nul_and_images.py).
    assert 'src="/static/x.png"' in html


@pytest.mark.parametrize(
    "markdown_text",
    [
        "[Read more](javascript:alert(1))",
        '<a href="javascript:alert(1)">Read more</a>',
        '<a href="JaVaScRiPt:alert(1)">Read more</a>',
        '<a href="java&#x09;script:alert(1)">Read more</a>',
    ],
)
def test_a_javascript_link_loses_its_address_but_keeps_its_words(markdown_text):
    html = render_markdown(markdown_text)
    assert "javascript" not in html.lower()
    assert "Read more" in html


def test_other_event_handlers_and_styles_are_removed():
    html = render_markdown('<p onclick="alert(1)" style="color:red">Hi</p><style>p{}</style>')
    assert html.strip() == "<p>Hi</p>"


def test_ordinary_markdown_still_renders():
    html = render_markdown(
        "## Warm up\n\nWalk for **five** minutes.\n\n- one\n- two\n\n"
        "[NHS](https://www.nhs.uk/conditions/back-pain/) and [our check](/check/)"
    )
    assert "<h2>Warm up</h2>" in html
    assert "<strong>five</strong>" in html
    assert "<li>one</li>" in html
    assert 'href="https://www.nhs.uk/conditions/back-pain/"' in html
    assert 'href="/check/"' in html
    assert 'rel="noopener noreferrer"' in html


def test_a_top_level_heading_becomes_a_second_level_one():
    # The article title is the page's only h1.
    assert render_markdown("# Causes").strip() == "<h2>Causes</h2>"


@pytest.mark.django_db
def test_the_article_page_never_sends_an_editors_attack_to_readers(client):
    article = make_article(
        body=(
            "Safe words.\n\n<script>alert('a')</script>\n\n"
            '<img src="https://example.org/x.png" onerror="alert(\'b\')">\n\n'
            "[Click](javascript:alert('c'))"
        )
    )
    response = client.get(article.get_absolute_url())
    assertContains(response, "Safe words.")
    assertNotContains(response, "alert(")
    assertNotContains(response, "onerror")
    assertNotContains(response, "javascript:")
