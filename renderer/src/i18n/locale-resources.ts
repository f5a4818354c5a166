import type { Resource } from 'i18next';

/** Every namespace of every language in assets/locales, bundled so the kiosk needs no network for text. */
const files = import.meta.glob<Record<string, unknown>>('../../../assets/locales/*/*.json', {
  eager: true,
  import: 'default',
});

export function bundledResources(): Resource {
  const resources: Resource = {};
  for (const [path, json] of Object.entries(files)) {
    const match = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
    if (!match) continue;
    const [, lng, ns] = match as unknown as [string, string, string];
    resources[lng] = { ...resources[lng], [ns]: json };
  }
  return resources;
}
