import datetime

import pytest
from django.utils import timezone

from tests.articles.factories import make_article, make_draft
from triage.models import Cause

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_published_articles_and_cause_pages(client):
    published = make_article(slug="in-the-sitemap")
    draft = make_draft(slug="draft-not-in-sitemap")
    scheduled = make_article(
        slug="scheduled-not-in-sitemap", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    content = response.content.decode()
    assert f"http://testserver{published.get_absolute_url()}</loc>" in content
    assert "/articles/lower-back-pain-after-running/</loc>" in content
    assert draft.get_absolute_url() not in content
    assert scheduled.get_absolute_url() not in content
    for cause in Cause.objects.all():
        assert f"http://testserver{cause.get_absolute_url()}</loc>" in content


def test_the_sitemap_gives_each_article_its_last_change_date(client):
    article = make_article(slug="with-lastmod")
    content = client.get("/sitemap.xml").content.decode()
    entry = content.split(f"{article.get_absolute_url()}</loc>")[1].split("</url>")[0]
    assert f"<lastmod>{timezone.localdate(article.updated_at).isoformat()}</lastmod>" in entry
