/**
 * The parts of an edition's evidence that share its evidence links (loaded once): the indicator sections and the key
 * internet controls.
 */
import { api } from '../../api/client.js';
import type { Assessment, Methodology } from '../../api/types.js';
import { useApi } from '../../use-api.js';
import { IndicatorSections } from './indicator-sections.js';
import { KeyControls } from './key-controls.js';
import type { Coverage } from './timeline-chart.js';

export function EditionEvidence({
  cc,
  a,
  methodology,
  coverage,
}: {
  cc: string;
  a: Assessment;
  methodology: Methodology;
  coverage: Coverage | null;
}) {
  const links = useApi(() => api.evidenceLinks(cc, a.edition), `links-${cc}-${a.edition}`);
  return (
    <>
      <IndicatorSections cc={cc} a={a} methodology={methodology} coverage={coverage} links={links} />
      <KeyControls cc={cc} a={a} methodology={methodology} links={links} />
    </>
  );
}
