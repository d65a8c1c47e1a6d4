#!/bin/sh
# bigdb: a kiosk's database after years of workshops, for make bench: its 72 learners (every
# sign of signs.list), registered again at each workshop: 10,000 registrations (half without
# consent, 1% voided), 50 communities, 1,000 workshops (all closed but the last) with 20,000
# attendances, 100,000 equipment deliveries (1% voided, the last 200 made today), 10,000
# finished quizzes with 30,000 answers. The PIN is 2580.
# usage: tests/bigdb.sh PALLAYCTL DB
set -eu
CTL=$1
DB=$2
rm -f "$DB" "$DB-wal" "$DB-shm"
printf '2580\n2580\n' | "$CTL" set-pin "$DB" --name "Rosa Quispe" >/dev/null
now=$(date +%s)
sqlite3 "$DB" <<EOF
PRAGMA journal_mode=WAL;
PRAGMA foreign_keys=ON;
BEGIN;
CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 100000) INSERT INTO n SELECT i FROM c;
CREATE TEMP TABLE sym (k INTEGER PRIMARY KEY, id TEXT);
INSERT INTO sym (id) VALUES ('llama'),('condor'),('cuy'),('fish'),('potato'),('corn'),('flower'),('sun'),('moon'),('mountain'),('house'),('tree');
CREATE TEMP TABLE col (k INTEGER PRIMARY KEY, id TEXT);
INSERT INTO col (id) VALUES ('red'),('yellow'),('green'),('blue'),('purple'),('black');
CREATE TEMP TABLE item (k INTEGER PRIMARY KEY, id TEXT, size TEXT);
INSERT INTO item (id, size) VALUES ('helmet', NULL),('gloves','M'),('mask', NULL),('goggles', NULL),('belt','L'),('knee-pads', NULL),('boots','37'),('hat', NULL);
CREATE TEMP TABLE v (kiosk TEXT, fac TEXT, base INTEGER);
INSERT INTO v SELECT (SELECT id FROM kiosk), (SELECT id FROM facilitator), (SELECT max(seq) FROM record);

CREATE TEMP TABLE plan (kind TEXT, code INTEGER, cnt INTEGER, off INTEGER);
INSERT INTO plan (kind, code, cnt) VALUES ('learner', 1, 72), ('community', 2, 50), ('participant', 3, 10000),
  ('workshop', 4, 1000), ('workshop_close', 5, 999), ('attendance', 6, 20000), ('module_open', 7, 4000),
  ('attempt', 8, 10000), ('answer', 9, 30000), ('attempt_end', 10, 10000), ('ppe_delivery', 11, 100000), ('void', 12, 1100);
-- Numbered 1, 2, 3... after the facilitator's record, without a gap, as a kiosk numbers them.
UPDATE plan SET off = (SELECT coalesce(sum(q.cnt), 0) FROM plan q WHERE q.code < plan.code);
INSERT INTO record (id, kiosk_id, seq, kind, created_at, clock_ok)
  SELECT printf('%08x-%04x-4000-8000-000000000000', n.i, p.code), v.kiosk, v.base + p.off + n.i, p.kind,
         CASE WHEN p.kind = 'ppe_delivery' AND n.i > p.cnt - 200 THEN $now - (p.cnt - n.i) * 60
              ELSE $now - 94608000 + (p.off + n.i) * 450 END, 1
  FROM plan p JOIN n ON n.i <= p.cnt, v;

INSERT INTO learner SELECT printf('%08x-%04x-4000-8000-000000000000', i, 1),
  (SELECT id FROM sym WHERE k = (i - 1) / 6 + 1), (SELECT id FROM col WHERE k = (i - 1) % 6 + 1) FROM n WHERE i <= 72;
INSERT INTO community SELECT printf('%08x-%04x-4000-8000-000000000000', i, 2), 'Comunidad ' || i FROM n WHERE i <= 50;
INSERT INTO participant SELECT printf('%08x-%04x-4000-8000-000000000000', i, 3), printf('%08x-%04x-4000-8000-000000000000', (i - 1) % 72 + 1, 1),
  i % 2, NULL, printf('%08x-%04x-4000-8000-000000000000', i % 50 + 1, 2), NULL, v.fac FROM n, v WHERE i <= 10000;
-- Names and years live in person, one row per registration with consent (schema.h, migration 4).
INSERT INTO person SELECT printf('%08x-%04x-4000-8000-000000000000', i, 3), 'Participante ' || i, 1960 + i % 40
  FROM n WHERE i <= 10000 AND i % 2 = 1;
INSERT INTO workshop SELECT printf('%08x-%04x-4000-8000-000000000000', i, 4), printf('%08x-%04x-4000-8000-000000000000', i % 50 + 1, 2), v.fac,
  $now - 94608000 + i * 94000, 'ppe,lift' FROM n, v WHERE i <= 1000;
INSERT INTO workshop_close SELECT printf('%08x-%04x-4000-8000-000000000000', i, 5), printf('%08x-%04x-4000-8000-000000000000', i, 4) FROM n WHERE i <= 999;
INSERT INTO attendance SELECT printf('%08x-%04x-4000-8000-000000000000', i, 6), printf('%08x-%04x-4000-8000-000000000000', (i - 1) / 20 + 1, 4),
  printf('%08x-%04x-4000-8000-000000000000', (i * 7) % 72 + 1, 1) FROM n WHERE i <= 20000;
INSERT INTO module_open SELECT printf('%08x-%04x-4000-8000-000000000000', i, 7), printf('%08x-%04x-4000-8000-000000000000', i % 72 + 1, 1),
  CASE i % 2 WHEN 0 THEN 'ppe' ELSE 'lift' END, 'v1' FROM n WHERE i <= 4000;
INSERT INTO attempt SELECT printf('%08x-%04x-4000-8000-000000000000', i, 8), printf('%08x-%04x-4000-8000-000000000000', i % 72 + 1, 1),
  CASE i % 2 WHEN 0 THEN 'ppe' ELSE 'lift' END, 'v1', 3, 2 FROM n WHERE i <= 10000;
INSERT INTO answer SELECT printf('%08x-%04x-4000-8000-000000000000', i, 9), printf('%08x-%04x-4000-8000-000000000000', (i - 1) / 3 + 1, 8),
  (i - 1) % 3 + 1, i % 3 + 1, i % 3 = 0, 0, '0,0,0' FROM n WHERE i <= 30000;
INSERT INTO attempt_end SELECT printf('%08x-%04x-4000-8000-000000000000', i, 10), printf('%08x-%04x-4000-8000-000000000000', i, 8),
  i % 4, 3, i % 4 >= 2 FROM n WHERE i <= 10000;
INSERT INTO ppe_delivery SELECT printf('%08x-%04x-4000-8000-000000000000', i, 11), printf('%08x-%04x-4000-8000-000000000000', (i * 13) % 72 + 1, 1),
  it.id, i % 3 + 1, it.size, v.fac, printf('%08x-%04x-4000-8000-000000000000', (i - 1) / 100 + 1, 4)
  FROM n JOIN item it ON it.k = i % 8 + 1, v WHERE i <= 100000;
INSERT INTO void SELECT printf('%08x-%04x-4000-8000-000000000000', i, 12),
  CASE WHEN i <= 1000 THEN printf('%08x-%04x-4000-8000-000000000000', i * 100, 11) ELSE printf('%08x-%04x-4000-8000-000000000000', (i - 1000) * 100, 3) END,
  'entered twice' FROM n WHERE i <= 1100;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
