-- Grain: one row per district and month (period_start) with at least one incident dated to the day:
-- incidents, strikes, killed and injured (low and best), as the daily marts count them, summed over
-- the month (macros/period_summary.sql).

{{ period_summary('month', 'district') }}
