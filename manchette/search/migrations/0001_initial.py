"""The search entries, and what each database searches them with.

SQLite: an FTS5 table over the entries' index terms, kept in step with them
by triggers (an "external content" table: the terms are stored once).
PostgreSQL: a text search configuration per language, accents removed
before the Snowball stemmer as ``manchette.search.languages`` does on
SQLite, and a GIN index over the entries' vectors.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


SNOWBALL = {"fr": "french", "nl": "dutch", "de": "german", "en": "english"}

SQLITE = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        headline_terms, summary_terms, body_terms,
        content='search_searchentry', content_rowid='article_id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, headline_terms, summary_terms, body_terms)
        VALUES (new.article_id, new.headline_terms, new.summary_terms, new.body_terms);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline_terms, summary_terms, body_terms)
        VALUES ('delete', old.article_id, old.headline_terms, old.summary_terms, old.body_terms);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, headline_terms, summary_terms, body_terms)
        VALUES ('delete', old.article_id, old.headline_terms, old.summary_terms, old.body_terms);
        INSERT INTO search_fts(rowid, headline_terms, summary_terms, body_terms)
        VALUES (new.article_id, new.headline_terms, new.summary_terms, new.body_terms);
    END""",
]
SQLITE_UNDO = ["DROP TABLE search_fts"]

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for language, snowball in SNOWBALL.items()
        for statement in (
            f"CREATE TEXT SEARCH CONFIGURATION manchette_{language} (COPY = {snowball})",
            f"ALTER TEXT SEARCH CONFIGURATION manchette_{language} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {snowball}_stem",
        )
    ),
    "CREATE INDEX search_entry_vector ON search_searchentry USING gin (vector)",
]
POSTGRESQL_UNDO = [
    "DROP INDEX search_entry_vector",
    *(f"DROP TEXT SEARCH CONFIGURATION manchette_{language}" for language in SNOWBALL),
]


def run_for_vendor(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('newsroom', '0002_article_wire_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='newsroom.articlepage', verbose_name='article')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('headline', models.TextField(verbose_name='headline')),
                ('summary', models.TextField(blank=True, verbose_name='standfirst and tags')),
                ('body', models.TextField(blank=True, verbose_name='body')),
                ('headline_terms', models.TextField(blank=True, editable=False)),
                ('summary_terms', models.TextField(blank=True, editable=False)),
                ('body_terms', models.TextField(blank=True, editable=False)),
                ('vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
            ],
            options={
                'verbose_name': 'search entry',
                'verbose_name_plural': 'search entries',
            },
        ),
        migrations.RunPython(
            run_for_vendor({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run_for_vendor({"sqlite": SQLITE_UNDO, "postgresql": POSTGRESQL_UNDO}),
        ),
    ]
