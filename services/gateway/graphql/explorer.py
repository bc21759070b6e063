"""GraphiQL on GET /graphql (Accept: text/html), served from the gateway's own assets (services/gateway/pages.py),
so the explorer works with no network beyond the gateway, under the same Content-Security-Policy as every page.

Queries and mutations go over HTTP; subscriptions over graphql-transport-ws on the same path, authenticated by
the `connection_init` payload, which carries the headers typed into GraphiQL's header editor.
"""

from __future__ import annotations

import json
from string import Template
from typing import Any

from ariadne.explorer import Explorer

from services.gateway.pages import ASSETS_PATH, Page

DEFAULT_QUERY = """# Agora's GraphQL explorer: Ctrl-Enter runs the query.
# To sign in, add under Headers:
#   {"Authorization": "Bearer <access token>"}
query Products {
  products(first: 5) {
    nodes { id name price { amount currency } rating { average count } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

PAGE = Template("""<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Agora GraphQL</title>
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="$assets/graphiql/graphiql.min.css" />
    <script src="$assets/react/react.production.min.js"></script>
    <script src="$assets/react-dom/react-dom.production.min.js"></script>
    <script src="$assets/graphql-ws/graphql-ws.min.js"></script>
    <script src="$assets/graphiql/graphiql.min.js"></script>
  </head>
  <body>
    <div id="graphiql">Loading the explorer…</div>
    <script>
      const url = new URL(window.location.pathname, window.location.href).href;
      // The header editor's headers sign in over HTTP and, as the connection_init payload, over WebSocket; the
      // socket closes when no subscription runs, so each new one connects with the headers of its moment.
      let headers = {};
      const wsClient = graphqlWs.createClient({
        url: url.replace(/^http/, "ws"),
        connectionParams: () => headers,
        lazyCloseTimeout: 0,
      });
      const delegate = GraphiQL.createFetcher({ url, wsClient });
      const fetcher = (params, options) => {
        headers = (options && options.headers) || {};
        return delegate(params, options);
      };
      ReactDOM.createRoot(document.getElementById("graphiql")).render(
        React.createElement(GraphiQL, {
          fetcher,
          defaultQuery: $default_query,
          defaultEditorToolsVisibility: true,
        }),
      );
    </script>
  </body>
</html>
""")


class OfflineGraphiQL(Explorer):
    def __init__(self) -> None:
        self.page = Page(PAGE.substitute(assets=ASSETS_PATH, default_query=json.dumps(DEFAULT_QUERY)))

    def html(self, request: Any) -> str:
        return self.page.html
