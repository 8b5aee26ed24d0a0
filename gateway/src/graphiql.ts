import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const DEFAULT_QUERY = `# Threads Agent Supergraph
# 1. Ask a persona for a post:
mutation Generate {
  generatePost(input: { personaId: "<id from personas>", topic: "Finding calm in a busy week" }) { id status }
}

# 2. Watch it being written (put the job id in):
subscription Watch {
  generationJobUpdated(id: "<job id>") {
    type
    delta
    job { status post { hook body emotionTrajectory { trajectoryType } variant { name } } }
  }
}

query Personas {
  personas { id name emoji tone }
}
`;

/**
 * The GraphiQL page served at GET /graphql to browsers: offline (assets inlined by
 * `@graphql-yoga/render-graphiql`), subscriptions over graphql-ws on the same URL. With a
 * development token (`npm start` without a configured secret, `NODE_ENV=development` only) the
 * page sends it as `Authorization` on HTTP (header editor) and in graphql-ws `connection_init`.
 */
export function graphiqlHtml(devToken?: string): string {
  const auth = devToken ? { Authorization: `Bearer ${devToken}` } : undefined;
  const options = {
    title: 'Threads Agent Supergraph',
    subscriptionsProtocol: 'WS' as const,
    defaultQuery: DEFAULT_QUERY,
    ...(auth ? { headers: JSON.stringify(auth, null, 2), connectionParams: auth } : {}),
  };
  return renderGraphiQL(options);
}
