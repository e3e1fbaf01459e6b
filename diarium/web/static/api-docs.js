// Swagger UI over diarium's own OpenAPI document; a file, not an inline script, so the
// page works under a Content-Security-Policy that allows scripts from this server only.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/api/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
