-- Encounters in each southwest sector for one fiscal year and measure (exact: sum of its months; OHSS: its own annual figure, not the sum of rounded months), for shading sectors.
SELECT sector,
       fiscal_year,
       measure,
       sum(encounters)::BIGINT AS encounters,
       count(DISTINCT date)::INTEGER AS months_covered,
       count(DISTINCT date) < 12 AS partial,
       any_value(source) AS source
FROM encounters
WHERE measure = $measure
  AND measure = 'usbp_apprehensions'
  AND fiscal_year = CAST($fiscal_year AS INTEGER)
  AND region = 'Southwest Land Border'
  AND NOT is_total
GROUP BY sector, fiscal_year, measure
UNION ALL
SELECT sector, fiscal_year, measure, encounters, months_covered, partial, source
FROM encounters_annual
WHERE measure = $measure
  AND fiscal_year = CAST($fiscal_year AS INTEGER)
  AND region = 'Southwest Land Border'
  AND NOT is_total
ORDER BY sector
