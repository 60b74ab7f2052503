"""The tables, the merged view and the migrations of a quotedesk database.

Machine layer: articles, quotes (what the NLP pass found; a re-run replaces
it). Human layer: `decisions`, an append-only log, and `human`, the current
value of every decided field per quote key — a cache of the log kept in the
same transaction as each append, so the view stays fast at 200,000 quotes.
`quote_view` merges both, the human value winning.
"""

from __future__ import annotations

import sqlite_utils

# The step that adds team coding.
CODING_VERSION = 4
# The step that adds quotes made by hand (store/hand_quotes.py).
HAND_QUOTES_VERSION = 5
# The step that lets a batch of new quotes into the search index in one insert.
BATCH_SEARCH_VERSION = 6
# The step that keeps what the pass found under a hand-made quote's words.
HAND_MACHINE_VERSION = 7
# The step that gives a quote several speakers ("the ministry and the agency said").
MULTI_SPEAKER_VERSION = 8
# The step that keeps what the pass is unsure of as candidates.
CANDIDATES_VERSION = 9
# The step that keeps each quote's content words for statement grouping.
QUOTE_WORDS_VERSION = 10
# The step that redefines the views so the planner reads only the tables a query uses.
LEAN_VIEWS_VERSION = 11
SCHEMA_VERSION = LEAN_VIEWS_VERSION
APPLICATION = "quotedesk"

TABLES = """
create table if not exists meta (key text primary key, value text not null);

create table if not exists outlets (
    id integer primary key,
    name text not null unique
);

create table if not exists articles (
    id integer primary key,
    hash text not null unique,
    doc text not null,
    title text,
    outlet_id integer references outlets(id),
    outlet_evidence text,
    path text,
    url text,
    published text,
    text text not null,
    pipeline_version text not null,
    ingested_at text not null,
    canonical_url text,
    fetched_at text,
    author text,
    wire text,
    evidence text
);

create table if not exists speakers (
    id integer primary key,
    name text not null unique,
    type text,
    role text,
    merged_into integer references speakers(id),
    created_by text not null default 'machine'
);

create table if not exists speaker_aliases (
    id integer primary key,
    speaker_id integer not null references speakers(id),
    alias text not null unique,
    evidence text
);

create table if not exists quotes (
    id integer primary key,
    quote_key text not null unique,
    article_id integer not null references articles(id),
    kind text not null,
    text text not null,
    content_start integer not null,
    content_end integer not null,
    content_spans text not null,
    cue_spans text not null,
    source_spans text not null,
    cue text,
    source_text text,
    speaker_id integer references speakers(id),
    role text,
    confidence real,
    evidence text,
    parent_key text,
    pipeline_version text not null,
    machine_missing integer not null default 0
);

create table if not exists decisions (
    id integer primary key,
    batch integer not null,
    at text not null,
    analyst text not null,
    action text not null,
    quote_key text,
    speaker_id integer,
    field text not null,
    old text,
    new text,
    reverts integer references decisions(id)
);

-- The merged state of each quote (human over machine), refreshed in the same
-- transaction as every ingest and decision: the indexed columns the app filters on.
create table if not exists current (
    id integer primary key references quotes(id) on delete cascade,
    article_id integer not null,
    speaker_id integer,
    outlet_id integer,
    kind text not null,
    status text not null,
    stance text
);

create table if not exists statements (
    id integer primary key,
    speaker_id integer references speakers(id),
    first_seen text,
    first_outlet_id integer references outlets(id),
    versions integer not null default 0,
    articles integer not null default 0,
    outlets integer not null default 0,
    score real
);

create table if not exists quote_statements (
    quote_id integer primary key references quotes(id) on delete cascade,
    statement_id integer not null
);

create table if not exists human (
    quote_key text primary key,
    speaker_id integer references speakers(id),
    outlet_id integer references outlets(id),
    status text,
    stance text,
    stance_target text,
    note text,
    statement_key text,
    decided_by text,
    decided_at text,
    revision integer not null default 0
);
"""

# Filters come with "order by id", so each index ends in id: the first page is
# the first entries of one index range, with no sort. Speaker x outlet and stance
# x outlet indexes cover the Speakers and Overview group-bys.
INDICES = """
create index if not exists quotes_article on quotes(article_id);
create index if not exists quotes_speaker on quotes(speaker_id);
create index if not exists articles_outlet on articles(outlet_id);
create index if not exists articles_published on articles(published);
create index if not exists articles_canonical_url on articles(canonical_url);
create index if not exists articles_url on articles(url);
create index if not exists current_article on current(article_id, id);
create index if not exists current_speaker on current(speaker_id, outlet_id, status);
create index if not exists current_outlet on current(outlet_id, id);
create index if not exists current_kind on current(kind, id);
create index if not exists current_status on current(status, id);
create index if not exists current_stance on current(stance, outlet_id, status);
create index if not exists human_speaker on human(speaker_id);
create index if not exists decisions_quote on decisions(quote_key);
create index if not exists decisions_at on decisions(at);
create index if not exists decisions_batch on decisions(analyst, batch);
create index if not exists decisions_reverts on decisions(reverts);
create index if not exists decisions_field_old on decisions(field, old);
create index if not exists decisions_field_new on decisions(field, new);
create index if not exists speakers_merged on speakers(merged_into);
create index if not exists aliases_speaker on speaker_aliases(speaker_id);
create index if not exists quote_statements_statement on quote_statements(statement_id);
create index if not exists statements_outlets on statements(outlets, versions);
"""

# Plain column names, human over machine, with provenance.
QUOTE_VIEW = """
create view if not exists quote_view as
select
    c.id as id,
    q.quote_key as quote_key,
    c.article_id as article_id,
    a.title as title,
    o.name as outlet,
    c.outlet_id as outlet_id,
    a.published as published,
    s.name as speaker,
    c.speaker_id as speaker_id,
    s.type as speaker_type,
    coalesce(s.role, q.role) as role,
    c.kind as kind,
    q.text as quote,
    q.cue as cue,
    q.source_text as source_text,
    q.confidence as confidence,
    c.status as status,
    c.stance as stance,
    h.stance_target as stance_target,
    h.note as note,
    h.decided_by as decided_by,
    h.decided_at as decided_at,
    case when h.quote_key is null and hq.quote_key is null then 'machine' else 'human' end
        as source,
    coalesce(h.revision, 0) as revision,
    q.pipeline_version as pipeline_version,
    q.machine_missing as machine_missing,
    qs.statement_id as statement_id,
    q.content_start as content_start,
    q.content_end as content_end,
    hq.quote_key is not null as hand_made,
    (select group_concat(name, '; ') from (select sp.name as name from current_speakers cs
        join speakers sp on sp.id = cs.speaker_id where cs.id = c.id order by cs.position)
    ) as speakers
from current c
join quotes q on q.id = c.id
join articles a on a.id = c.article_id
left join outlets o on o.id = c.outlet_id
left join speakers s on s.id = c.speaker_id
left join human h on h.quote_key = q.quote_key
left join quote_statements qs on qs.quote_id = q.id
left join hand_quotes hq on hq.quote_key = q.quote_key;
"""

STATEMENT_VIEW = """
create view if not exists statement_view as
select
    st.id as statement_id,
    sp.name as speaker,
    st.first_seen as first_seen,
    o.name as first_outlet,
    st.outlets as outlets,
    st.articles as articles,
    st.versions as versions,
    st.score as score,
    (select group_concat(name, ', ') from (
        select distinct o2.name as name from quote_statements qs
        join current c on c.id = qs.quote_id join outlets o2 on o2.id = c.outlet_id
        where qs.statement_id = st.id and c.status != 'rejected' order by o2.name)
    ) as outlet_names
from statements st
left join speakers sp on sp.id = st.speaker_id
left join outlets o on o.id = st.first_outlet_id;
"""

# Statuses that are not (yet) quotes: the pass's candidates and the ones an
# analyst dismissed. Like rejected quotes, no count, chart or grouping sees them.
NOT_QUOTES = "('candidate', 'dismissed')"
NOT_COUNTED = "('rejected', 'candidate', 'dismissed')"

# The speakers of a quote the pass found several for ("the ministry and the
# agency said"), in the order the text names them, each with the words that
# name it; quotes.speaker_id holds the first. A quote with one speaker has no
# rows here. `current_speakers` is every speaker of every quote as it stands:
# the analyst's one, else the pass's (merged speakers folded in), carrying
# the quote's outlet and status so the speaker tallies need no join.
MULTI_SPEAKER = f"""
create table if not exists quote_speakers (
    quote_id integer not null references quotes(id) on delete cascade,
    position integer not null,
    speaker_id integer not null references speakers(id),
    source_text text not null,
    primary key (quote_id, position)
) without rowid;
create index if not exists quote_speakers_speaker on quote_speakers(speaker_id);

create table if not exists current_speakers (
    id integer not null,
    speaker_id integer not null,
    position integer not null,
    outlet_id integer,
    status text not null,
    primary key (id, speaker_id)
) without rowid;
create index if not exists current_speakers_speaker on current_speakers(speaker_id, id);

create trigger if not exists current_speakers_ai after insert on current_speakers begin
  insert into speaker_tallies select new.speaker_id, ifnull(new.outlet_id, 0), 1
    where new.status not in {NOT_COUNTED}
    on conflict do update set n = n + 1;
end;
create trigger if not exists current_speakers_ad after delete on current_speakers begin
  update speaker_tallies set n = n - 1
    where old.status not in {NOT_COUNTED}
    and speaker_id = old.speaker_id and outlet_id = ifnull(old.outlet_id, 0);
end;
"""

# One row per quote and speaker, for SQL that counts or filters by speaker
# (a quote with two speakers counts for each).
QUOTE_SPEAKER_VIEW = """
create view if not exists quote_speaker_view as
select
    v.id as id,
    cs.position as position,
    sp.name as speaker,
    cs.speaker_id as speaker_id,
    sp.type as speaker_type,
    v.outlet as outlet,
    v.title as title,
    v.published as published,
    v.kind as kind,
    v.quote as quote,
    v.status as status,
    v.stance as stance,
    v.source as source,
    v.speakers as speakers
from current_speakers cs
join quote_view v on v.id = cs.id
join speakers sp on sp.id = cs.speaker_id;
"""

# A quote's status before any analyst decides: a candidate is one until confirmed.
MACHINE_STATUS = "case when q.candidate then 'candidate' else 'unreviewed' end"

# Recomputes `current` for the quotes a condition picks (q, a, h in scope).
REFRESH_CURRENT = f"""
insert into current (id, article_id, speaker_id, outlet_id, kind, status, stance)
select q.id, q.article_id, coalesce(s0.merged_into, s0.id), coalesce(h.outlet_id, a.outlet_id),
       q.kind, coalesce(h.status, {MACHINE_STATUS}), h.stance
from quotes q
join articles a on a.id = q.article_id
left join human h on h.quote_key = q.quote_key
left join speakers s0 on s0.id = coalesce(h.speaker_id, q.speaker_id)
where {{condition}}
-- An upsert, not "insert or replace": a replace deletes without firing the
-- delete triggers, and the tallies below must see every change.
on conflict (id) do update set
    article_id = excluded.article_id, speaker_id = excluded.speaker_id,
    outlet_id = excluded.outlet_id, kind = excluded.kind,
    status = excluded.status, stance = excluded.stance
"""

# Recomputes `current_speakers` for the same quotes, after `current`: the
# analyst's speaker alone, else the pass's several, else its one.
REFRESH_SPEAKERS = """
insert into current_speakers (id, speaker_id, position, outlet_id, status, outlet)
select x.id, x.speaker_id, min(x.position), x.outlet_id, x.status,
       (select o.name from outlets o where o.id = x.outlet_id) from (
    select c.id, c.speaker_id, 0 as position, c.outlet_id, c.status
    from quotes q
    join articles a on a.id = q.article_id
    left join human h on h.quote_key = q.quote_key
    join current c on c.id = q.id
    where ({condition}) and c.speaker_id is not null
    and (h.speaker_id is not null
         or not exists (select 1 from quote_speakers x where x.quote_id = q.id))
    union all
    select c.id, coalesce(s.merged_into, s.id), qs.position, c.outlet_id, c.status
    from quotes q
    join articles a on a.id = q.article_id
    left join human h on h.quote_key = q.quote_key
    join current c on c.id = q.id
    join quote_speakers qs on qs.quote_id = q.id
    join speakers s on s.id = qs.speaker_id
    where ({condition}) and h.speaker_id is null
) x
group by x.id, x.speaker_id
"""

FORGET_SPEAKERS = """
delete from current_speakers where id in (
    select q.id from quotes q
    join articles a on a.id = q.article_id
    left join human h on h.quote_key = q.quote_key
    where {condition}
)
"""

# Running counts of `current`, kept by triggers in the same transaction as
# every change to it, so the Overview and Speakers screens add up a few
# thousand rows instead of grouping 200,000. NULLs are stored as 0 / '' so
# they can be part of a primary key. Rows at n = 0 stay; readers skip them.
TALLIES_V2 = f"""
create table if not exists tallies (
    outlet_id integer not null,
    kind text not null,
    status text not null,
    stance text not null,
    n integer not null,
    primary key (outlet_id, kind, status, stance)
) without rowid;

-- Quotes that are not rejected, per speaker and outlet.
create table if not exists speaker_tallies (
    speaker_id integer not null,
    outlet_id integer not null,
    n integer not null,
    primary key (speaker_id, outlet_id)
) without rowid;

create trigger if not exists current_tally_ai after insert on current begin
  insert into tallies values
    (ifnull(new.outlet_id, 0), new.kind, new.status, ifnull(new.stance, ''), 1)
    on conflict do update set n = n + 1;
  insert into speaker_tallies select new.speaker_id, ifnull(new.outlet_id, 0), 1
    where new.speaker_id is not null and new.status not in {NOT_COUNTED}
    on conflict do update set n = n + 1;
end;

create trigger if not exists current_tally_ad after delete on current begin
  update tallies set n = n - 1
    where outlet_id = ifnull(old.outlet_id, 0) and kind = old.kind
    and status = old.status and stance = ifnull(old.stance, '');
  update speaker_tallies set n = n - 1
    where old.status not in {NOT_COUNTED}
    and speaker_id = old.speaker_id and outlet_id = ifnull(old.outlet_id, 0);
end;

create trigger if not exists current_tally_au after update on current begin
  update tallies set n = n - 1
    where outlet_id = ifnull(old.outlet_id, 0) and kind = old.kind
    and status = old.status and stance = ifnull(old.stance, '');
  update speaker_tallies set n = n - 1
    where old.status not in {NOT_COUNTED}
    and speaker_id = old.speaker_id and outlet_id = ifnull(old.outlet_id, 0);
  insert into tallies values
    (ifnull(new.outlet_id, 0), new.kind, new.status, ifnull(new.stance, ''), 1)
    on conflict do update set n = n + 1;
  insert into speaker_tallies select new.speaker_id, ifnull(new.outlet_id, 0), 1
    where new.speaker_id is not null and new.status not in {NOT_COUNTED}
    on conflict do update set n = n + 1;
end;
"""

# Schema 8 counts every speaker of a quote (current_speakers), not only its first.
TALLIES = (
    TALLIES_V2.replace(
        f"""
  insert into speaker_tallies select new.speaker_id, ifnull(new.outlet_id, 0), 1
    where new.speaker_id is not null and new.status not in {NOT_COUNTED}
    on conflict do update set n = n + 1;""",
        "",
    )
    .replace(
        f"""
  update speaker_tallies set n = n - 1
    where old.status not in {NOT_COUNTED}
    and speaker_id = old.speaker_id and outlet_id = ifnull(old.outlet_id, 0);""",
        "",
    )
    .replace(
        "create trigger if not exists current_tally_ad after delete on current begin",
        "create trigger if not exists current_tally_ad after delete on current begin\n"
        "  delete from current_speakers where id = old.id;",
    )
)

# Counts `current` from scratch: the migration that adds the tallies, and the
# test that checks the triggers kept them right.
TALLY_FILL = f"""
delete from tallies;
delete from speaker_tallies;
insert into tallies
  select ifnull(outlet_id, 0), kind, status, ifnull(stance, ''), count(*)
  from current group by 1, 2, 3, 4;
insert into speaker_tallies
  select speaker_id, ifnull(outlet_id, 0), count(*) from current_speakers
  where status not in {NOT_COUNTED} group by 1, 2;
"""

# Before schema 8, one speaker per quote: counted from `current` itself.
TALLY_FILL_V2 = TALLY_FILL.replace(
    "current_speakers\n  where status", "current\n  where speaker_id is not null and status"
)


# A bulk ingest indexes a batch's quotes for search in one statement
# (store.ingest), many times faster than this trigger row by row; the flag
# that says so lives only inside that batch's transaction.
INDEX_NEW_QUOTE = """
create trigger if not exists quotes_ai after insert on quotes
when not exists (select 1 from meta where key = 'search_by_batch') begin
  insert into quotes_fts (rowid, text, source_text) values (new.rowid, new.text, new.source_text);
end;
"""

# Full-text search over the quote text and the mention that names its speaker
# ("Mr. Peskov"); resolved speaker names are matched on the speakers table. The
# same DDL sqlite-utils' enable_fts(create_triggers=True) writes, spelled out so
# it runs inside the one transaction that creates the schema.
FTS = (
    """
create virtual table if not exists quotes_fts using fts5 (
    text, source_text, tokenize='porter', content='quotes'
);
"""
    + INDEX_NEW_QUOTE
    + """create trigger if not exists quotes_ad after delete on quotes begin
  insert into quotes_fts (quotes_fts, rowid, text, source_text)
  values ('delete', old.rowid, old.text, old.source_text);
end;
create trigger if not exists quotes_au after update on quotes begin
  insert into quotes_fts (quotes_fts, rowid, text, source_text)
  values ('delete', old.rowid, old.text, old.source_text);
  insert into quotes_fts (rowid, text, source_text) values (new.rowid, new.text, new.source_text);
end;
"""
)

# Team coding (store/coding.py). A reliability sample is a fixed set of quotes
# and the coders who code it independently. A coder's decisions on a sample
# quote go into the same log, marked coded_in = the sample, and never touch the
# desk (`human`); an adjudication is a desk decision marked settles = the sample.
CODING = """
create table if not exists samples (
    id integer primary key,
    name text not null unique,
    created_at text not null,
    created_by text not null,
    seed integer not null,
    stratify text,
    filters text not null
);
create table if not exists sample_coders (
    sample_id integer not null references samples(id),
    analyst text not null,
    primary key (sample_id, analyst)
) without rowid;
create table if not exists sample_quotes (
    sample_id integer not null references samples(id),
    quote_key text not null,
    position integer not null,
    primary key (sample_id, quote_key)
) without rowid;
alter table decisions add column coded_in integer references samples(id);
alter table decisions add column settles integer references samples(id);
create index if not exists decisions_coded on decisions(coded_in, quote_key, analyst, field);
create index if not exists decisions_settles on decisions(settles, quote_key, field);

-- Each coder's own current value per sample quote and field: their newest log row.
create view if not exists codings as
select
    s.name as sample,
    q.id as quote_id,
    d.analyst as analyst,
    case d.field when 'speaker_id' then 'speaker' else d.field end as field,
    case d.field
        when 'speaker_id' then (select coalesce(m.name, sp.name) from speakers sp
            left join speakers m on m.id = sp.merged_into where sp.id = d.new)
        else d.new end as value,
    d.at as at,
    d.quote_key as quote_key,
    d.coded_in as sample_id
from decisions d
join samples s on s.id = d.coded_in
left join quotes q on q.quote_key = d.quote_key
where d.new is not null and d.id = (
    select max(d2.id) from decisions d2 where d2.coded_in = d.coded_in
    and d2.quote_key = d.quote_key and d2.analyst = d.analyst and d2.field = d.field);
"""

# Quotes an analyst made by hand: the definition as its logged decision holds
# it (a HandQuote's JSON). The quote itself is a `quotes` row under this key.
HAND_QUOTES = """
create table if not exists hand_quotes (
    quote_key text primary key,
    article_id integer not null references articles(id),
    definition text not null
);
create index if not exists hand_quotes_article on hand_quotes(article_id);
"""

# What the current pass found under a hand-made quote's words (its quotes
# columns as JSON), laid back when the analyst withdraws the quote; NULL while
# no pass finds them.
HAND_MACHINE = "alter table hand_quotes add column machine text;"

# Candidates (nlp/candidates.py): quotes rows the pass is unsure of, with
# status 'candidate' until an analyst confirms (accepted) or dismisses them.
# They stay in `quotes` and `current`, so paging, search, undo and re-runs
# treat them as every other row; quote_view leaves them out, so every count,
# export and README query is of quotes alone, and quote_view_all has both.
CANDIDATE_COLUMN = "alter table quotes add column candidate integer not null default 0;"
CANDIDATES = (
    CANDIDATE_COLUMN
    + QUOTE_VIEW.replace("view if not exists quote_view as", "view if not exists quote_view_all as")
    + "create view if not exists quote_view as select * from quote_view_all"
    + f" where status not in {NOT_QUOTES};"
    + "create view if not exists candidate_view as select * from quote_view_all"
    + " where status = 'candidate';"
)

# Each quote's content words as statement grouping finds them (store.statements),
# kept so a regroup does not find them again, with the quote's day: grouping's
# order. A quote whose words or day change loses its row; the next regroup
# finds them again.
QUOTE_WORDS = """
create table if not exists quote_words (
    quote_id integer primary key,
    day text not null,
    size integer not null,
    words text not null
);
-- Grouping every quote walks this instead of sorting them all.
create index if not exists quote_words_order on quote_words(day, size desc);
create trigger if not exists quote_words_text after update of text on quotes begin
  delete from quote_words where quote_id = old.id;
end;
create trigger if not exists quote_words_gone after delete on quotes begin
  delete from quote_words where quote_id = old.id;
end;
create trigger if not exists quote_words_day after update of published on articles begin
  delete from quote_words where quote_id in (select id from quotes where article_id = old.id);
end;
"""


def _speakers_of(quote_id: str) -> str:
    """Every speaker of the quote `quote_id` names, '; '-joined in text order."""
    return (
        "(select group_concat(name, '; ') from (select named.name as name"
        " from current_speakers link join speakers named on named.id = link.speaker_id"
        f" where link.id = {quote_id} order by link.position))"
    )


# Schema 10: the same views with the same rows, written so SQLite's planner
# reads only the tables a query uses. It keeps an inner join even when no
# column of it is read (the join could drop rows), but leaves out a LEFT JOIN
# on a unique key whose columns go unused, in a query that groups nothing
# (SQLite 3.40 keeps every join of one that groups). Every quote has its
# quotes and articles row (foreign keys), so those are LEFT JOINs here too,
# and "quotes nobody has reviewed" reads no articles.
SOURCE = "case when h.quote_key is null and hq.quote_key is null then 'machine' else 'human' end"
QUOTE_VIEW_ALL = f"""
create view if not exists quote_view_all as
select
    c.id as id,
    q.quote_key as quote_key,
    c.article_id as article_id,
    a.title as title,
    o.name as outlet,
    c.outlet_id as outlet_id,
    a.published as published,
    s.name as speaker,
    c.speaker_id as speaker_id,
    s.type as speaker_type,
    coalesce(s.role, q.role) as role,
    c.kind as kind,
    q.text as quote,
    q.cue as cue,
    q.source_text as source_text,
    q.confidence as confidence,
    c.status as status,
    c.stance as stance,
    h.stance_target as stance_target,
    h.note as note,
    h.decided_by as decided_by,
    h.decided_at as decided_at,
    {SOURCE} as source,
    coalesce(h.revision, 0) as revision,
    q.pipeline_version as pipeline_version,
    q.machine_missing as machine_missing,
    qs.statement_id as statement_id,
    q.content_start as content_start,
    q.content_end as content_end,
    hq.quote_key is not null as hand_made,
    {_speakers_of("c.id")} as speakers
from current c
left join quotes q on q.id = c.id
left join articles a on a.id = c.article_id
left join outlets o on o.id = c.outlet_id
left join speakers s on s.id = c.speaker_id
left join human h on h.quote_key = q.quote_key
left join quote_statements qs on qs.quote_id = c.id
left join hand_quotes hq on hq.quote_key = q.quote_key;
"""


# quote_speaker_view starts from current_speakers, which carries each quote's
# outlet and status (kept with `current` by refresh_current). The quote's
# other columns are subqueries, read only when a query names them, where a
# join would be read for every row of a query that groups: counting by
# speaker and outlet reads current_speakers and speakers alone.
def _of_quote(expression: str, tables: str = "current c", key: str = "c.id") -> str:
    return f"(select {expression} from {tables} where {key} = cs.id)"


_ARTICLE = "current c join articles a on a.id = c.article_id"
_DECIDED = (
    "quotes q left join human h on h.quote_key = q.quote_key"
    " left join hand_quotes hq on hq.quote_key = q.quote_key"
)

QUOTE_SPEAKER_VIEW_10 = f"""
create view if not exists quote_speaker_view as
select
    cs.id as id,
    cs.position as position,
    sp.name as speaker,
    cs.speaker_id as speaker_id,
    sp.type as speaker_type,
    cs.outlet as outlet,
    {_of_quote("a.title", _ARTICLE)} as title,
    {_of_quote("a.published", _ARTICLE)} as published,
    {_of_quote("c.kind")} as kind,
    {_of_quote("q.text", "quotes q", "q.id")} as quote,
    cs.status as status,
    {_of_quote("c.stance")} as stance,
    {_of_quote(SOURCE, _DECIDED, "q.id")} as source,
    {_speakers_of("cs.id")} as speakers
from current_speakers cs
join speakers sp on sp.id = cs.speaker_id
where cs.status not in {NOT_QUOTES};
"""

# Each speaker's quotes by outlet name, in the order "group by speaker, outlet"
# wants them: with the name beside the outlet id (outlets are never renamed;
# the trigger keeps it right if they ever are), counting by speaker and outlet
# reads this index from end to end instead of sorting two million rows.
# current_speakers_speaker stays: it gives a speaker's quotes in id order, so
# the first page of a speaker filter stops after a hundred.
SPEAKER_OUTLETS = """
alter table current_speakers add column outlet text;
create index if not exists current_speakers_outlet
    on current_speakers(speaker_id, outlet, status);
create trigger if not exists outlets_au after update of name on outlets begin
  update current_speakers set outlet = new.name where outlet_id = new.id;
end;
-- A writer that fills current_speakers without the name (refresh_current names
-- it) still leaves it right.
create trigger if not exists current_speakers_named after insert on current_speakers
when new.outlet is null and new.outlet_id is not null begin
  update current_speakers set outlet = (select name from outlets where id = new.outlet_id)
  where id = new.id and speaker_id = new.speaker_id;
end;
"""
# The Statements screen's order (most outlets first, then versions, first
# seen), so its first rows are the index's first entries: sorting every
# shared statement computed each one's words and outlets before the sort.
STATEMENTS_LISTED = """
drop index if exists statements_outlets;
create index if not exists statements_listed
    on statements(outlets desc, versions desc, first_seen, id);
"""
SPEAKER_OUTLETS_FILL = """
update current_speakers set outlet = (select name from outlets where id = outlet_id)
where outlet_id is not null;
"""

VIEWS = (
    QUOTE_VIEW_ALL
    + "create view if not exists quote_view as select * from quote_view_all"
    + f" where status not in {NOT_QUOTES};"
    + "create view if not exists candidate_view as select * from quote_view_all"
    + " where status = 'candidate';"
    + QUOTE_SPEAKER_VIEW_10
)


STAMP = f"""
insert or ignore into meta values ('application', '{APPLICATION}');
insert or ignore into meta values ('schema_version', '{SCHEMA_VERSION}');
"""


def create(db: sqlite_utils.Database) -> None:
    """Create everything in one transaction, stamped with our version.

    A process killed halfway leaves no tables at all (a fresh file again),
    never a stamped database with a part of its schema missing.
    """
    db.conn.executescript(
        "begin immediate;"
        + TABLES
        + HAND_QUOTES
        + HAND_MACHINE
        + INDICES
        + FTS
        + TALLIES
        + MULTI_SPEAKER
        + CANDIDATE_COLUMN
        + SPEAKER_OUTLETS
        + STATEMENTS_LISTED
        + VIEWS
        + STATEMENT_VIEW
        + CODING
        + QUOTE_WORDS
        + STAMP
        + "commit;"
    )


def refresh_current(db: sqlite_utils.Database, condition: str, params: list) -> None:
    """Bring the merged state of the quotes matching `condition` up to date."""
    db.execute(FORGET_SPEAKERS.format(condition=condition), params)
    db.execute(REFRESH_CURRENT.format(condition=condition), params)
    db.execute(REFRESH_SPEAKERS.format(condition=condition), params * 2)


def version(db: sqlite_utils.Database) -> tuple[str | None, int | None]:
    """(application, schema version) as stamped in meta, or Nones."""
    if "meta" not in db.table_names():
        return None, None
    rows = dict(db.execute("select key, value from meta").fetchall())
    stamped = rows.get("schema_version")
    return rows.get("application"), int(stamped) if stamped is not None else None


# Each entry upgrades from version N-1 to N; run in order, each in a transaction.
MIGRATIONS: dict[int, str] = {
    # Running counts for the Overview and Speakers screens; the log searchable
    # by old and new value (ingest asks it about renamed speakers, split aliases).
    2: TALLIES_V2
    + TALLY_FILL_V2
    + "create index if not exists decisions_field_old on decisions(field, old);"
    + "create index if not exists decisions_field_new on decisions(field, new);",
    # Articles from the web (intake/): where the page said it lives, when it
    # was fetched, its byline, the wire its text credits, and why each field.
    3: "alter table articles add column canonical_url text;"
    + "alter table articles add column fetched_at text;"
    + "alter table articles add column author text;"
    + "alter table articles add column wire text;"
    + "alter table articles add column evidence text;"
    + "create index if not exists articles_canonical_url on articles(canonical_url);"
    + "create index if not exists articles_url on articles(url);",
    CODING_VERSION: CODING,
    # The merged view learns which quotes were made by hand.
    HAND_QUOTES_VERSION: HAND_QUOTES + "drop view if exists quote_view;" + QUOTE_VIEW,
    BATCH_SEARCH_VERSION: "drop trigger if exists quotes_ai;" + INDEX_NEW_QUOTE,
    HAND_MACHINE_VERSION: HAND_MACHINE,
    # Every speaker of a quote: the links, their merged state, the speaker
    # tallies and the view that list them all (the joined "A and B" speakers
    # an older pass made are split by store.speakers.split_joined afterwards).
    MULTI_SPEAKER_VERSION: MULTI_SPEAKER
    + "".join(f"drop trigger current_tally_{t};" for t in ("ai", "ad", "au"))
    + TALLIES
    + "insert into current_speakers (id, speaker_id, position, outlet_id, status)"
    " select id, speaker_id, 0, outlet_id, status from current where speaker_id is not null;"
    + TALLY_FILL
    + "drop view quote_view;"
    + QUOTE_VIEW
    + QUOTE_SPEAKER_VIEW,
    # Candidates: the flag, the views, and tallies that leave them out.
    CANDIDATES_VERSION: "drop view if exists quote_view;"
    + CANDIDATES
    + "drop trigger if exists current_tally_ai;"
    + "drop trigger if exists current_tally_ad;"
    + "drop trigger if exists current_tally_au;"
    + TALLIES
    + TALLY_FILL,
    QUOTE_WORDS_VERSION: QUOTE_WORDS,
    LEAN_VIEWS_VERSION: "".join(
        f"drop view if exists {view};"
        for view in ("quote_speaker_view", "candidate_view", "quote_view", "quote_view_all")
    )
    + SPEAKER_OUTLETS
    + SPEAKER_OUTLETS_FILL
    + STATEMENTS_LISTED
    + VIEWS,
}


def migrate(db: sqlite_utils.Database, from_version: int, to_version: int = SCHEMA_VERSION) -> None:
    """Upgrade step by step; each step and its new stamp are one transaction."""
    from store.db import transaction  # db imports this module

    for target in range(from_version + 1, to_version + 1):
        with transaction(db):
            db.executescript(MIGRATIONS[target])
            if target == to_version and from_version < MULTI_SPEAKER_VERSION <= to_version:
                # Once every step is in: splitting refreshes the merged state,
                # which reads columns later steps add (quotes.candidate).
                from store.speakers import split_joined  # speakers imports nothing of ours

                split_joined(db)
            db.execute("update meta set value = ? where key = 'schema_version'", [target])
