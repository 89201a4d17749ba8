-- Grain: one row per incident (events) whose counts look like something else, with every reason
-- (reasons) and, in words, why. Nothing here changes a count: the row asks a person to read the
-- evidence before the number is published.
--
--   year_as_count               a count between the years of var suspect_year_range: a year read as a
--                               toll (مجزرة حماة 1982), above all when that number is in the evidence
--   toll_above_history          killed_low >= var suspect_min_toll and more than var suspect_toll_ratio
--                               times the 90th percentile of the other incidents' tolls in its district
--                               (the governorate's without a district; the whole warehouse's when fewer
--                               than var suspect_min_history incidents with dead are there)
--   several_governorates        the evidence behind the count names var suspect_min_governorates
--                               governorates or more (a roundup, seed governorate_names)
--   period_or_national          the evidence behind the count speaks of a period or of the whole country
--                               (خلال، منذ، أيام، أنحاء سوريا …: seed suspect_words)
--   air_strike_without_aircraft an air strike by a side that has no aircraft (var actors_without_aircraft)
--   merged_count_unsupported    no single report gives the incident's killed low and best (the merge took
--                               the low of one report and the best of another, or summed one article's
--                               mentions)
--
-- The evidence read is the count's (events.count_evidence), except for year_as_count, which reads
-- every report of the incident. The worst first (suspicion_rank): the most dead, then the most reasons.

{%- set word = "(^|[^\\p{L}])[وف]?[بلك]?" -%}
{%- set end = "([^\\p{L}]|$)" %}

with

events as (

    select * from {{ ref('events') }}

),

event_reports as (

    select * from {{ ref('event_reports') }}

),

governorate_names as (

    select * from {{ ref('governorate_names') }}

),

suspect_words as (

    select * from {{ ref('suspect_words') }}

),

with_count as (

    select * from events
    where killed_best > 0 or injured_best > 0 or strikes_best > 1

),

ignored as (

    select coalesce(string_agg(phrase, '|'), '$^') as pattern
    from suspect_words
    where role = 'ignore'

),

count_texts as (

    select
        with_count.event_id,
        regexp_replace(
            {{ normalise_ar('with_count.count_evidence') }}, '(' || ignored.pattern || ')', ' ', 'g'
        ) as text

    from with_count
    cross join ignored

),

-- year_as_count ---------------------------------------------------------------------------------------

report_numbers as (

    select
        incident_id as event_id,
        cast(unnest(regexp_extract_all({{ normalise_ar('evidence') }}, '[0-9]+')) as bigint) as number

    from event_reports

),

counts as (

    select event_id, 'killed' as measure, killed_low as value from events
    union all select event_id, 'killed', killed_best from events
    union all select event_id, 'injured', injured_low from events
    union all select event_id, 'injured', injured_best from events
    union all select event_id, 'strikes', strikes_low from events
    union all select event_id, 'strikes', strikes_best from events

),

year_as_count as (

    select
        counts.event_id,
        'year_as_count' as reason,
        string_agg(
            distinct counts.measure || ' ' || counts.value
            || case
                when report_numbers.number is not null then ' is a year-like number written in the evidence'
                else ' is a year-like number'
            end,
            '; '
        ) as detail

    from counts
    left join (select distinct event_id, number from report_numbers) as report_numbers
        on counts.event_id = report_numbers.event_id and counts.value = report_numbers.number
    where counts.value between {{ var('suspect_year_range')[0] }} and {{ var('suspect_year_range')[1] }}
    group by counts.event_id

),

-- toll_above_history ----------------------------------------------------------------------------------

tolls as (

    select
        event_id,
        coalesce(admin2_pcode, admin1_pcode, '-') as area,
        case when admin2_pcode is not null then 'district' when admin1_pcode is not null then 'governorate' end
            as area_level,
        killed_low

    from events
    where killed_low > 0

),

area_history as (

    select
        tolls.event_id,
        count(others.event_id) as n_history,
        quantile_cont(others.killed_low, 0.9) as p90

    from tolls
    left join tolls as others
        on tolls.area = others.area and tolls.event_id <> others.event_id
    where tolls.killed_low >= {{ var('suspect_min_toll') }}
    group by tolls.event_id

),

global_history as (

    select
        tolls.event_id,
        quantile_cont(others.killed_low, 0.9) as p90

    from tolls
    inner join tolls as others
        on tolls.event_id <> others.event_id
    where tolls.killed_low >= {{ var('suspect_min_toll') }}
    group by tolls.event_id

),

toll_baselines as (

    select
        tolls.event_id,
        tolls.killed_low,
        case
            when area_history.n_history >= {{ var('suspect_min_history') }} then area_history.p90
            else global_history.p90
        end as baseline,
        case
            when area_history.n_history >= {{ var('suspect_min_history') }}
                then 'its ' || coalesce(tolls.area_level, 'place') || '''s ' || area_history.n_history
                    || ' other incidents with dead'
            else 'all incidents with dead (its ' || coalesce(tolls.area_level, 'place') || ' has '
                || coalesce(area_history.n_history, 0) || ')'
        end as baseline_from

    from tolls
    inner join area_history
        on tolls.event_id = area_history.event_id
    left join global_history
        on tolls.event_id = global_history.event_id

),

toll_above_history as (

    select
        event_id,
        'toll_above_history' as reason,
        'killed_low ' || killed_low || ' is ' || round(killed_low / baseline, 1) || ' times the 90th percentile ('
            || round(baseline, 1) || ') of ' || baseline_from as detail

    from toll_baselines
    where baseline > 0 and killed_low > {{ var('suspect_toll_ratio') }} * baseline

),

-- several_governorates --------------------------------------------------------------------------------

name_hits as (

    select
        count_texts.event_id,
        governorate_names.admin1_pcode,
        governorate_names.name,
        len(regexp_extract_all(
            count_texts.text, '{{ word }}' || governorate_names.name || '{{ end }}'
        )) as hits

    from count_texts
    inner join governorate_names
        on contains(count_texts.text, governorate_names.name)

),

-- a name counts where it stands alone, not inside another governorate's longer name (دمشق, ريف دمشق)
standalone_hits as (

    select
        name_hits.event_id,
        name_hits.admin1_pcode,
        name_hits.name,
        name_hits.hits - coalesce(sum(longer.hits), 0) as hits

    from name_hits
    left join name_hits as longer
        on name_hits.event_id = longer.event_id
        and name_hits.admin1_pcode <> longer.admin1_pcode
        and contains(longer.name, name_hits.name)
    group by name_hits.event_id, name_hits.admin1_pcode, name_hits.name, name_hits.hits

),

several_governorates as (

    select
        event_id,
        'several_governorates' as reason,
        'the evidence behind the count names ' || count(distinct admin1_pcode) || ' governorates: '
            || string_agg(distinct name, '، ') as detail

    from standalone_hits
    where hits > 0
    group by event_id
    having count(distinct admin1_pcode) >= {{ var('suspect_min_governorates') }}

),

-- period_or_national ----------------------------------------------------------------------------------

period_or_national as (

    select
        count_texts.event_id,
        'period_or_national' as reason,
        'the evidence behind the count speaks of a period or of the country: '
            || string_agg(distinct suspect_words.phrase, '، ') as detail

    from count_texts
    inner join suspect_words
        on suspect_words.role = 'flag'
        and suspect_words.reason = 'period_or_national'
        and contains(count_texts.text, suspect_words.phrase)
        and regexp_matches(count_texts.text, '{{ word }}' || suspect_words.phrase || '{{ end }}')
    group by count_texts.event_id

),

-- air_strike_without_aircraft -------------------------------------------------------------------------

air_strike_without_aircraft as (

    select
        event_id,
        'air_strike_without_aircraft' as reason,
        'an air strike attributed to ' || actor || ', a side with no aircraft' as detail

    from events
    where
        event_type = 'air_strike'
        and actor in ({{ sql_values(var('actors_without_aircraft')) }})

),

-- merged_count_unsupported ----------------------------------------------------------------------------

report_killed as (

    select
        events.event_id,
        bool_or(
            event_reports.killed_low = events.killed_low and event_reports.killed_best = events.killed_best
        ) as supported,
        string_agg(
            event_reports.killed_low || '–' || event_reports.killed_best, ', '
            order by event_reports.published_at, event_reports.mention_id
        ) as report_values,
        count(*) as n_mentions

    from events
    inner join event_reports
        on events.event_id = event_reports.incident_id
    where events.killed_best > 0
    group by events.event_id

),

merged_count_unsupported as (

    select
        events.event_id,
        'merged_count_unsupported' as reason,
        'killed ' || events.killed_low || '–' || events.killed_best || ' (low–best) is given by no single report; '
            || 'its ' || report_killed.n_mentions || ' mention(s) say ' || report_killed.report_values as detail

    from events
    inner join report_killed
        on events.event_id = report_killed.event_id
    where not report_killed.supported

),

-- together --------------------------------------------------------------------------------------------

reasons as (

    select * from year_as_count
    union all select * from toll_above_history
    union all select * from several_governorates
    union all select * from period_or_national
    union all select * from air_strike_without_aircraft
    union all select * from merged_count_unsupported

),

{% set reason_order = [
    'year_as_count', 'toll_above_history', 'several_governorates', 'period_or_national',
    'air_strike_without_aircraft', 'merged_count_unsupported',
] %}

by_incident as (

    select
        event_id,
        list(reason order by {{ reason_rank('reason', reason_order) }}) as reasons,
        count(*) as n_reasons,
        string_agg(reason || ': ' || detail, ' | ' order by {{ reason_rank('reason', reason_order) }}) as why

    from reasons
    group by event_id

),

final as (

    select
        events.event_id,
        row_number() over (
            order by events.killed_low desc, by_incident.n_reasons desc, events.killed_best desc, events.event_id
        ) as suspicion_rank,
        by_incident.reasons,
        by_incident.n_reasons,
        by_incident.why,

        events.event_type,
        events.event_date,
        events.date_precision,
        events.place,
        events.admin1_pcode,
        events.admin1_name_en,
        events.admin1_name_ar,
        events.admin2_pcode,
        events.admin2_name_en,
        events.admin2_name_ar,
        events.actor,
        events.killed_low,
        events.killed_best,
        events.injured_low,
        events.injured_best,
        events.strikes_low,
        events.strikes_best,
        events.n_reports,
        events.count_article_id,
        events.count_title,
        events.count_url,
        events.count_evidence

    from by_incident
    inner join events
        on by_incident.event_id = events.event_id

)

select * from final
