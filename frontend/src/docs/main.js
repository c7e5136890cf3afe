// The API docs page: Swagger UI renders GET /api/openapi.json (the document the API generates from its code).
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-es-bundle.js'
import 'swagger-ui-dist/swagger-ui.css'
import './docs.css'

const base = (window.APP_CONFIG?.apiBase || window.location.origin).replace(/\/+$/, '')
const url = `${base}/api/openapi.json`
document.getElementById('json-link').href = url

SwaggerUIBundle({
  url,
  dom_id: '#swagger',
  deepLinking: true,
  docExpansion: 'none', // areas folded: the page opens at once even with ~150 operations
  filter: true,
  defaultModelsExpandDepth: 0,
  tryItOutEnabled: false,
  supportedSubmitMethods: [], // reading only: a call from this page would act on the reader's real data
})
