{#-
    The window of event days that an incremental run replaces: vars min_event_date and
    max_event_date (ISO dates, null = unbounded; min > max = no day). See dbt_project.yml.
-#}

{% macro event_day_window_bounds() -%}
    {%- set bounds = [] -%}
    {%- for name in ['min_event_date', 'max_event_date'] -%}
        {%- set value = var(name, none) -%}
        {%- if value is not none and value | string | trim | lower not in ['', 'none', 'null'] -%}
            {%- set value = value | string | trim -%}
            {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
                {%- do exceptions.raise_compiler_error("var " ~ name ~ " must be an ISO date (YYYY-MM-DD), got '" ~ value ~ "'") -%}
            {%- endif -%}
            {%- do bounds.append(value) -%}
        {%- else -%}
            {%- do bounds.append(none) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(bounds) }}
{%- endmacro %}


{#- A SQL predicate: `column` lies in the window (`true` when both bounds are null). -#}
{% macro event_day_window(column) -%}
    {%- set lo, hi = event_day_window_bounds() -%}
    {%- if lo is none and hi is none -%}
        true
    {%- else -%}
        ({{ column }} >= {{ "date '" ~ lo ~ "'" if lo is not none else "date '0001-01-01'" }}
         and {{ column }} <= {{ "date '" ~ hi ~ "'" if hi is not none else "date '9999-12-31'" }})
    {%- endif -%}
{%- endmacro %}


{#-
    Incremental strategy `event_days` (config incremental_strategy='event_days'): replace the
    rows of the target whose day (config event_day_column, default event_date) lies in the
    window or appears in the new rows, by the new rows. The model selects, when
    is_incremental(), the rows of the window (and of any other day it wants to replace).
    Delete and insert run in the model's transaction: a reader sees the old days or the new.
-#}
{% macro get_incremental_event_days_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set day_column = config.get('event_day_column', 'event_date') -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ target }}
    where {{ event_day_window(day_column) }}
        or {{ day_column }} in (select {{ day_column }} from {{ source }});

    insert into {{ target }} ({{ columns }})
    select {{ columns }} from {{ source }}
{%- endmacro %}
