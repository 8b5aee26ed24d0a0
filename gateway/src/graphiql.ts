import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/** The README's walkthrough as GraphiQL tabs: one operation a tab, with its variables. */
const WALKTHROUGH: Array<{ query: string; variables?: Record<string, string> }> = [
  {
    query: `# 1. The personas. Copy ai-jesus's id into tab 3's variables.
query Personas {
  personas { id name emoji tone hookEmoji replyMagnets preferredHookStyles }
  experiments(status: ACTIVE) { name variants { name isControl dimensions impressions successes } }
}
`,
  },
  {
    query: `# 2. Watch every job as it is written: open this page in a second browser window and run this
#    tab there (GraphiQL stops a running subscription when you run another tab), then run tab 3
#    here. Each event has the job's status and the text written so far; the trajectory comes last.
subscription WatchJobs {
  generationJobsUpdated {
    type
    status
    text
    job { id persona { name } post { id variant { name } emotionTrajectory { trajectoryType dominantEmotion } } }
  }
}
`,
  },
  {
    query: `# 3. Ask a persona for a post (variables: personaId). It returns at once, QUEUED; the other
#    window shows it being written, about 6 seconds for 50 words.
mutation Generate($personaId: ID!) {
  generatePost(input: { personaId: $personaId, topic: "Finding calm in a busy week" }) { id status }
}
`,
    variables: { personaId: "paste ai-jesus's id from tab 1" },
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
        emotionTrajectory {
          trajectoryType segmentCount
          emotions { joy trust fear surprise sadness disgust anger anticipation }
          sentiment { compound }
          transitions { fromEmotion toEmotion strength }
        }
      }
    }
    pageInfo { hasNextPage endCursor }
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
