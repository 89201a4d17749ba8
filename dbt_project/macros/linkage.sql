{#-
    Helpers of the linkage models (models/intermediate/int_incident_links.sql).
-#}

{#-
    A place name reduced for comparison, so that the spellings outlets use for one name compare
    equal: diacritics and tatweel removed, alef forms to bare alef, alef maqsura to ya, ta marbuta
    to ha, a leading "حي" (neighbourhood) dropped, then every "ال" and every space, hyphen or
    punctuation removed ("الحجر الأسود" = "الحجر الاسود", "بصر الحرير" = "بصرالحرير",
    "الشدادي" = "شدادي"). Only ever compared with another normalised name, never shown.
-#}
{% macro normalize_place(expression) -%}
    nullif(
        replace(
            regexp_replace(
                regexp_replace(
                    translate(
                        regexp_replace(trim({{ expression }}), '[\x{064B}-\x{065F}\x{0670}\x{0640}\x{200E}\x{200F}]', '', 'g'),
                        'أإآٱىة',
                        'اااايه'
                    ),
                    '^حي\s+', ''
                ),
                '[\s\-_.,،"''()/]', '', 'g'
            ),
            'ال', ''
        ),
        ''
    )
{%- endmacro %}


{#-
    The linkage group of an event type (var linkage_type_groups): types of one group may be one
    incident. A type the var does not list is its own group.
-#}
{% macro event_type_group(expression) -%}
    {%- set groups = var('linkage_type_groups', {}) -%}
    {%- if groups -%}
    case {{ expression }}
        {%- for event_type, group in groups.items() %}
        when '{{ event_type | replace("'", "''") }}' then '{{ group | replace("'", "''") }}'
        {%- endfor %}
        else {{ expression }}
    end
    {%- else -%}
    {{ expression }}
    {%- endif -%}
{%- endmacro %}


{#-
    The rank of an event type in var event_type_precedence (1 = wins); an unlisted type ranks last.
-#}
{% macro event_type_rank(expression) -%}
    {%- set order = var('event_type_precedence', []) -%}
    case {{ expression }}
        {%- for event_type in order %}
        when '{{ event_type | replace("'", "''") }}' then {{ loop.index }}
        {%- endfor %}
        else {{ order | length + 1 }}
    end
{%- endmacro %}
