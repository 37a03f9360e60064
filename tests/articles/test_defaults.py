import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles.defaults import article_content_load, article_paths, read_article, read_articles
from articles.models import Article, Kind, Status

GUIDE = "lower-back-pain-after-running"
STORIES = {
    "runner-story-too-much-too-soon": "overuse",
    "runner-story-bulging-disc": "disc_herniation",
    "runner-story-narrow-spine": "spinal_stenosis",
}
# The names of the people in the source article's stories, and its page furniture.
NAMES = ["Sarah", "John", "Mary"]
FURNITURE = ["Position:home", "TOP 10", "xshoes", "Related Posts", "Don't miss", "Time:", "UTC"]


def _text(article):
    return "\n".join([article.title, article.summary, article.body])


@pytest.mark.django_db
def test_the_guide_and_three_stories_are_published_after_load_default_content():
    guide = Article.objects.published().get(slug=GUIDE)
    assert guide.kind == Kind.GUIDE
    for slug, cause in STORIES.items():
        story = Article.objects.published().get(slug=slug)
        assert story.kind == Kind.STORY
        assert [c.slug for c in story.causes.all()] == [cause]
        assert "## What we learn" in story.body


@pytest.mark.django_db
def test_every_default_article_has_review_dates_and_a_summary():
    for article in Article.objects.filter(slug__in=[GUIDE, *STORIES]):
        assert article.last_reviewed is not None
        assert article.next_review_due > article.last_reviewed
        assert 20 < len(article.summary) <= 300


@pytest.mark.django_db
def test_the_guide_covers_the_sections_of_the_source_article():
    body = Article.objects.get(slug=GUIDE).body
    headings = re.findall(r"^## (.+)$", body, flags=re.MULTILINE)
    assert headings == [
        "What can cause it",
        "What helps: treatments and their pros and cons",
        "How to stop it coming back",
        "Why it matters",
        "Tips for getting better",
        "When to see a doctor",
    ]
    assert body.count("**Pros:**") >= 8
    assert body.count("**Pros:**") == body.count("**Cons:**")


@pytest.mark.django_db
def test_the_guide_is_about_the_causes_the_source_article_names():
    guide = Article.objects.get(slug=GUIDE)
    slugs = set(guide.causes.values_list("slug", flat=True))
    # overuse, form, tight muscles, arthritis (two kinds), herniated disc, sciatica, stenosis.
    assert {
        "overuse",
        "poor_form",
        "tight_or_weak_muscles",
        "facet_joint",
        "axial_spondyloarthritis",
        "disc_herniation",
        "sciatica",
        "spinal_stenosis",
    } <= slugs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "evidence",
    [
        "do not stay in bed",  # bed rest
        "it worked no better than fake acupuncture",  # acupuncture
        "not enough evidence to say that ice helps",  # ice
        "does not prevent running injuries",  # stretching for prevention
        "Paracetamol on its own** is unlikely to help",  # paracetamol alone
        "not to offer insoles, belts, braces or special shoes",  # orthotics and shoes
        "no good evidence that one surface prevents injury",  # hard surfaces
        "not to scan back pain as a matter of routine",  # scans
    ],
)
def test_the_guide_says_what_the_guidelines_say_where_the_source_differs(evidence):
    assert evidence.lower() in Article.objects.get(slug=GUIDE).body.lower()


@pytest.mark.django_db
def test_the_guide_never_tells_runners_to_rest_in_bed_or_to_hop():
    body = Article.objects.get(slug=GUIDE).body.lower()
    assert "bed rest" not in body
    assert "do not stay in bed for long" in body
    assert "do not test it by hopping" in body


@pytest.mark.django_db
def test_the_disc_story_says_most_disc_problems_settle_without_surgery():
    story = Article.objects.get(slug="runner-story-bulging-disc")
    assert "Most disc problems settle without surgery" in story.body


@pytest.mark.django_db
def test_the_default_articles_name_no_one_and_carry_no_page_furniture():
    for article in Article.objects.filter(slug__in=[GUIDE, *STORIES]):
        text = _text(article)
        for name in NAMES:
            assert not re.search(rf"\b{name}\b", text), (article.slug, name)
        for furniture in FURNITURE:
            assert furniture not in text, (article.slug, furniture)


@pytest.mark.django_db
def test_no_default_article_calls_a_cause_a_diagnosis():
    for article in Article.objects.filter(slug__in=[GUIDE, *STORIES]):
        assert "diagnos" not in _text(article).lower(), article.slug


def _syllables(word):
    groups = re.findall(r"[aeiouy]+", word.lower())
    count = len(groups) - (1 if word.lower().endswith("e") and len(groups) > 1 else 0)
    return max(count, 1)


def _grade(markdown_text):
    """Flesch-Kincaid grade of the prose, with a rough syllable count."""
    text = re.sub(r"[#*>\[\]()`]", " ", markdown_text)
    # A sentence ends at . ! or ?, and at the end of a paragraph or list item.
    sentences = [s for s in re.split(r"[.!?]+|\n\s*\n|\n-", text) if re.search(r"[A-Za-z]", s)]
    words = re.findall(r"[A-Za-z']+", text)
    syllables = sum(_syllables(word) for word in words)
    return 0.39 * len(words) / len(sentences) + 11.8 * syllables / len(words) - 15.59


@pytest.mark.parametrize("path", article_paths(), ids=lambda path: path.stem)
def test_each_default_article_reads_at_about_age_11(path):
    # Grade 6 in US schools is about age 11 to 12.
    assert _grade(read_article(path)["body"]) <= 6.5


@pytest.mark.django_db
def test_a_second_load_creates_nothing():
    report = article_content_load()
    assert report.created == {}
    assert report.kept == {"articles": len(read_articles())}


@pytest.mark.django_db
def test_a_load_keeps_an_editors_changes_unless_reset():
    guide = Article.objects.get(slug=GUIDE)
    guide.title = "Edited by an editor"
    guide.save()
    guide.causes.clear()

    article_content_load()
    guide.refresh_from_db()
    assert guide.title == "Edited by an editor"
    assert guide.causes.count() == 0

    report = article_content_load(reset=True)
    guide.refresh_from_db()
    assert report.reset == {"articles": len(read_articles())}
    assert guide.title.startswith("Lower back pain after running")
    assert guide.causes.filter(slug="overuse").exists()


@pytest.mark.django_db
def test_a_deleted_default_article_comes_back_on_the_next_load():
    Article.objects.filter(slug="runner-story-narrow-spine").delete()
    report = article_content_load()
    assert report.created == {"articles": 1}
    assert Article.objects.published().filter(slug="runner-story-narrow-spine").exists()


@pytest.mark.django_db
def test_load_default_content_reports_the_articles_it_creates():
    Article.objects.filter(slug__in=STORIES).delete()
    output = StringIO()
    call_command("load_default_content", stdout=output)
    assert "created 3 articles" in output.getvalue()


@pytest.mark.django_db
def test_a_dry_run_of_load_default_content_creates_no_articles():
    Article.objects.filter(slug=GUIDE).delete()
    output = StringIO()
    call_command("load_default_content", "--dry-run", stdout=output)
    assert "would have created 1 articles" in output.getvalue()
    assert not Article.objects.filter(slug=GUIDE).exists()


@pytest.mark.django_db
def test_the_loaded_articles_record_where_their_history_came_from():
    guide = Article.objects.get(slug=GUIDE)
    assert guide.history.earliest().history_change_reason == "Default content"


def test_the_readme_beside_the_articles_is_not_loaded(tmp_path):
    (tmp_path / "README.md").write_text("# How to write articles\n")
    assert read_articles(tmp_path) == []


def test_a_file_without_a_header_is_refused_with_its_name(tmp_path):
    (tmp_path / "broken.md").write_text("# No header\n")
    with pytest.raises(ValidationError, match="broken.md must start with a \\+\\+\\+ line"):
        read_articles(tmp_path)


def test_a_header_that_is_not_closed_is_refused(tmp_path):
    (tmp_path / "open.md").write_text('+++\ntitle = "x"\n')
    with pytest.raises(ValidationError, match="not closed"):
        read_articles(tmp_path)


def test_a_header_that_is_not_toml_is_refused(tmp_path):
    (tmp_path / "bad.md").write_text("+++\ntitle = \n+++\nBody\n")
    with pytest.raises(ValidationError, match="bad.md: the TOML header is not valid"):
        read_articles(tmp_path)


@pytest.mark.django_db
def test_an_article_about_an_unknown_cause_is_refused_and_nothing_is_written(tmp_path):
    (tmp_path / "a.md").write_text(
        '+++\ntitle = "A"\nslug = "fine-article"\nsummary = "S"\nstatus = "draft"\n+++\nBody\n'
    )
    (tmp_path / "b.md").write_text(
        '+++\ntitle = "B"\nslug = "bad-article"\nsummary = "S"\ncauses = ["gremlins"]\n+++\nB\n'
    )
    with pytest.raises(ValidationError, match="bad-article is about unknown causes: gremlins"):
        article_content_load(directory=tmp_path)
    assert not Article.objects.filter(slug__in=["fine-article", "bad-article"]).exists()


@pytest.mark.django_db
def test_a_published_article_without_a_time_is_refused(tmp_path):
    (tmp_path / "a.md").write_text(
        '+++\ntitle = "A"\nslug = "no-time"\nsummary = "S"\nstatus = "published"\n+++\nBody\n'
    )
    with pytest.raises(ValidationError, match="needs a publication time"):
        article_content_load(directory=tmp_path)
    assert not Article.objects.filter(slug="no-time", status=Status.PUBLISHED).exists()
