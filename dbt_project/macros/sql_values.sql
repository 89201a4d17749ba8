{#-
    Render a list of python values as a comma-separated list of SQL string literals, for
    `where x in ({{ sql_values(var('...')) }})`. Single quotes are doubled.
-#}
{% macro sql_values(values) -%}
    {%- if values is string -%}{%- set values = [values] -%}{%- endif -%}
    {%- for value in values -%}
        '{{ value | string | replace("'", "''") }}'{% if not loop.last %}, {% endif %}
    {%- endfor -%}
{%- endmacro %}
