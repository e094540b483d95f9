-- Southwest border total per fiscal year for one measure, as its source prints it (exact: sum of CBP's printed monthly southwest totals; OHSS: its Annual Region figure).
SELECT fiscal_year,
       measure,
       sum(encounters)::BIGINT AS encounters,
       count(DISTINCT date)::INTEGER AS months_covered,
       count(DISTINCT date) < 12 AS partial,
       any_value(source) AS source
FROM encounters
WHERE measure = $measure
  AND measure = 'usbp_apprehensions'
  AND is_total
GROUP BY fiscal_year, measure
UNION ALL
SELECT fiscal_year, measure, encounters, months_covered, partial, source
FROM encounters_annual
WHERE measure = $measure
  AND is_total
ORDER BY fiscal_year
