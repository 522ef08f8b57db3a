/** World choropleth of FOTN status for one edition (d3-geo + world-atlas, loaded lazily); click opens a country. */

import { geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import codes from 'i18n-iso-countries/codes.json';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { ComparisonRow } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { keepLang, navigate } from '../router.js';

const NUMERIC_TO_ALPHA2 = new Map((codes as string[][]).map((c) => [c[2]!, c[0]!]));
const WIDTH = 960;
const HEIGHT = 500;

const topology = world as unknown as Topology;
const countries = (
  feature(topology, topology.objects.countries!) as unknown as {
    features: Feature<Geometry, { name: string }>[];
  }
).features;
const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: 'Sphere' });
const path = geoPath(projection);
const shapes = countries.map((f) => ({ cc: NUMERIC_TO_ALPHA2.get(String(f.id)) ?? null, d: path(f) ?? '' }));

/** The map; `rows` are the edition's assessments. */
export default function WorldMap({ rows, edition }: { rows: ComparisonRow[]; edition: number }) {
  const { t, country, num } = useI18n();
  const byCc = new Map(rows.map((r) => [r.country, r]));
  return (
    <figure class="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-label={t('map.title')}>
        {shapes.map((s, i) => {
          const row = s.cc ? byCc.get(s.cc) : undefined;
          if (!row || !s.cc) return <path key={`n${i}`} d={s.d} class="land" />;
          const secondary =
            row.verification && row.verification !== 'primary'
              ? `, ${t(row.verification === 'secondary' ? 'figure.secondary' : 'figure.unverified')}`
              : '';
          const label = `${country(s.cc)}: ${row.status ? t(`status.${row.status}` as 'status.Free') : t('status.none')} (${num(row.total)}${secondary})`;
          const url = `/country/${s.cc}?edition=${edition}`;
          return (
            <a
              key={s.cc}
              href={keepLang(url)}
              aria-label={label}
              data-cc={s.cc}
              onClick={(e) => {
                e.preventDefault();
                navigate(url);
              }}
            >
              <title>{label}</title>
              <path
                d={s.d}
                class={`land status-${(row.status ?? 'none').replace(/ /g, '-').toLowerCase()}`}
              />
            </a>
          );
        })}
      </svg>
      <figcaption class="legend">
        <span>{t('map.legend')}:</span>
        {(['Free', 'Partly Free', 'Not Free'] as const).map((s) => (
          <span key={s} class="legend-item">
            <span class={`swatch status-${s.replace(/ /g, '-').toLowerCase()}`} aria-hidden="true" />
            {t(`status.${s}`)}
          </span>
        ))}
        {/* Grey is a country this dataset has no figure for: Freedom House may well have one. */}
        <span class="legend-item">
          <span class="swatch" aria-hidden="true" />
          {t('map.notInDataset')}
        </span>
      </figcaption>
    </figure>
  );
}
