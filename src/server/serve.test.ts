import { describe, expect, it } from 'vitest';
import { tempStore } from '../../test/helpers/temp.js';
import { loadMethodology } from '../assessment/methodology-loader.js';
import { listen } from './serve.js';

describe('listen', () => {
  it('holds the port and answers 503 with Retry-After until it is handed the app', async () => {
    const listening = await listen(0);
    try {
      const early = await fetch(`${listening.url}/api/v1/methodology`);
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('5');
      expect(await early.json()).toMatchObject({ error: { code: 'STARTING' } });
      const server = listening.serve({ store: await tempStore(), methodology: await loadMethodology() });
      expect(server.url).toBe(listening.url);
      expect((await fetch(`${listening.url}/api/v1/methodology`)).status).toBe(200);
    } finally {
      await listening.close();
    }
  });

  it('rejects with the system error when the port is taken', async () => {
    const first = await listen(0);
    try {
      const port = Number(new URL(first.url).port);
      await expect(listen(port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
