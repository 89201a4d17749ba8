{#-
    Model-level: an event cannot have happened after the article that reports it was
    published (GUIDELINES.md §4 resolves relative dates against published_at).
    Fails on every row where `event_date_column` > `published_date_column`. Nulls pass.

        data_tests:
          - not_after_publication:
              arguments:
                event_date_column: event_date
                published_date_column: published_date
-#}
{% test not_after_publication(model, event_date_column, published_date_column) %}

with

checked as (

    select
        {{ event_date_column }} as event_date_value,
        {{ published_date_column }} as published_date_value

    from {{ model }}

),

final as (

    select * from checked
    where event_date_value > published_date_value

)

select * from final

{% endtest %}
