{#-
    The casualty columns of a daily mart: the sums of its incidents' counts, as bigint, in the order the
    marts show them. For a `select ... group by` over int_daily_incidents.
-#}
{% macro casualty_sums() -%}
        cast(sum(killed_low) as bigint) as killed_low,
        cast(sum(killed_best) as bigint) as killed_best,
        cast(sum(injured_low) as bigint) as injured_low,
        cast(sum(injured_best) as bigint) as injured_best,
        cast(sum(civilian_killed_low) as bigint) as civilian_killed_low,
        cast(sum(civilian_killed_best) as bigint) as civilian_killed_best
{%- endmacro %}
