import pytest

from tests import factory


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish an article and run what its publication queues (the audio), as a worker would."""

    def publish_article(**fields):
        fields.setdefault("body", factory.paragraphs("Le ministre est arrivé."))
        with django_capture_on_commit_callbacks(execute=True):
            article = factory.article(**fields)
        article.refresh_from_db()
        return article

    return publish_article


@pytest.fixture
def republish(django_capture_on_commit_callbacks):
    """Publish a new revision of an article with changed fields, running its tasks."""

    def republish_article(article, **fields):
        for name, value in fields.items():
            setattr(article, name, value)
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        article.refresh_from_db()
        return article

    return republish_article
