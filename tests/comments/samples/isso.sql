-- A small Isso 0.14 database: Isso's own schema (isso/db/*.py), demo comments.
-- tests/comments/test_import.py loads it into an SQLite file with sqlite3.
CREATE TABLE IF NOT EXISTS preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS threads (
    id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE IF NOT EXISTS comments (
    tid REFERENCES threads(id),
    id INTEGER PRIMARY KEY,
    parent INTEGER,
    created FLOAT NOT NULL,
    modified FLOAT,
    mode INTEGER,
    remote_addr VARCHAR,
    text VARCHAR NOT NULL,
    author VARCHAR,
    email VARCHAR,
    website VARCHAR,
    likes INTEGER DEFAULT 0,
    dislikes INTEGER DEFAULT 0,
    voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0
);
CREATE TRIGGER remove_stale_threads
AFTER DELETE ON comments
BEGIN
    DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments);
END;
INSERT INTO preferences VALUES ('session-key', '0a1b2c3d4e5f');
INSERT INTO threads VALUES (1, '/monde/sommet-a-bruxelles/', 'Un sommet à Bruxelles');
INSERT INTO threads VALUES (2, '/belgique/greve-des-trains', 'Grève des trains');
INSERT INTO threads VALUES (3, '/blog/un-ancien-billet/', 'Un ancien billet');
-- 1442430000 = 2015-09-16 19:00:00 UTC
INSERT INTO comments VALUES (1, 1, NULL, 1442430000.5, NULL, 1, '203.0.113.0',
    'Un *bon* résumé de la journée.', 'Claire', 'claire@example.org', 'https://claire.example.org', 0, 0, x'', 1);
INSERT INTO comments VALUES (1, 2, 1, 1442430600.0, 1442430700.0, 1, '198.51.100.0',
    'Merci, je n''avais pas suivi.', 'Marc', NULL, NULL, 2, 0, x'', 0);
INSERT INTO comments VALUES (1, 3, 2, 1442431200.0, NULL, 1, '2001:0db8:0000:0000:0000:0000:0000:0000',
    'Moi non plus.', 'Anne', 'anne@example.org', 'javascript:alert(1)', 0, 0, x'', 0);
INSERT INTO comments VALUES (1, 4, NULL, 1442431800.0, NULL, 4, '203.0.113.0',
    '', NULL, NULL, NULL, 0, 0, x'', 0);
INSERT INTO comments VALUES (1, 5, 4, 1442432400.0, NULL, 1, '203.0.113.0',
    'Réponse à un commentaire supprimé.', 'Paul', 'pas-une-adresse', NULL, 0, 0, x'', 0);
INSERT INTO comments VALUES (1, 6, NULL, 1442433000.0, NULL, 2, '192.0.2.0',
    'En attente de modération.', 'Zoé', 'zoe@example.org', NULL, 0, 0, x'', 0);
INSERT INTO comments VALUES (2, 7, NULL, 1442433600.0, NULL, 1, '198.51.100.0',
    'Encore une grève ?', 'Luc', NULL, 'http://luc.example.net/', 0, 0, x'', 0);
INSERT INTO comments VALUES (3, 8, NULL, 1442434200.0, NULL, 1, '198.51.100.0',
    'Sur une page disparue.', 'Eva', NULL, NULL, 0, 0, x'', 0);
