import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/** The README's walkthrough as GraphiQL tabs: one operation a tab, with its variables. */
const WALKTHROUGH: Array<{ query: string; variables?: Record<string, string> }> = [
  {
    query: `# 1. The personas. Copy ai-jesus's id into tab 2's variables, then run tab 2.
query Personas {
  personas { id name emoji tone }
  experiments(status: ACTIVE) { name variants { name isControl dimensions impressions successes } }
}
`,
  },
  {
    query: `# 2. Ask a persona for a post (variables: personaId). It returns at once, QUEUED;
#    copy the job id into tab 3's variables and run tab 3 to watch it being written.
mutation Generate($personaId: ID!) {
  generatePost(input: { personaId: $personaId, topic: "Finding calm in a busy week" }) { id status }
}
`,
    variables: { personaId: "paste ai-jesus's id from tab 1" },
  },
  {
    query: `# 3. Watch the job (variables: id): its state first, then status changes, the text as it is
#    written (TOKEN_DELTA), and its emotion trajectory once analysed.
subscription Watch($id: ID!) {
  generationJobUpdated(id: $id) {
    type
    delta
    job { status post { id hook body emotionTrajectory { trajectoryType } variant { name } } }
  }
}
`,
    variables: { id: 'paste the job id from tab 2' },
  },
  {
    query: `# 4. The posts across all four subgraphs.
query Posts {
  posts(first: 5) {
    edges {
      node {
        id hook body tokensUsed costUsd
        persona { name }
        variant { name dimensions }
        emotionTrajectory { trajectoryType segmentCount emotions { joy trust fear sadness } sentiment { compound } }
      }
    }
  }
}
`,
  },
];

/**
 * The GraphiQL page served at GET /graphql to browsers: offline (assets inlined by
 * `@graphql-yoga/render-graphiql`), subscriptions over graphql-ws on the same URL, the README's
 * walkthrough as tabs (one operation each). With a development token (`npm start` without a
 * configured secret, `NODE_ENV=development` only) every tab sends it as `Authorization`, and
 * graphql-ws sends it in `connection_init`.
 */
export function graphiqlHtml(devToken?: string): string {
  const auth = devToken ? { Authorization: `Bearer ${devToken}` } : undefined;
  const headers = auth ? JSON.stringify(auth, null, 2) : undefined;
  const options = {
    title: 'Threads Agent Supergraph',
    subscriptionsProtocol: 'WS' as const,
    defaultTabs: WALKTHROUGH.map((tab) => ({
      query: tab.query,
      variables: tab.variables ? JSON.stringify(tab.variables, null, 2) : null,
      headers: headers ?? null,
    })),
    // connectionParams is passed through to the graphql-ws client (not in the options' type).
    ...(auth ? { headers, defaultHeaders: headers, connectionParams: auth } : {}),
  };
  return renderGraphiQL(options);
}
