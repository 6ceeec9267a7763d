// The comparison page for scripts/lighthouse-vs-surveyjs.sh: SurveyJS 2.5.38 (survey-core and
// survey-js-ui, the library's own "vanilla JavaScript" setup) doing the scan app's job up to the
// first question: a start page with the questionnaire's introduction, then its first question.
// The texts come from our own server's definition, so both pages show the same words. Its
// stylesheet is the "fontless" one: the default one loads Open Sans from fonts.gstatic.com, and
// our pages use the phone's own fonts too.
//
// Served from loopback with the same compression as ours: every file compressed once at the
// highest settings, Brotli or gzip as the browser accepts (scripts/trunk_post_build.mjs does the
// same for our files).
//
//   node scripts/surveyjs-page.mjs DEFINITION_URL PORT SURVEYJS_NODE_MODULES
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [definitionUrl, port, modules] = process.argv.slice(2);
const definition = await (await fetch(definitionUrl)).json();
const meta = definition.questionnaire;
const nl = (text) => (text && typeof text === "object" ? text.nl : text) ?? "";
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const item = definition.sections.flatMap((section) => section.items)[0];
const options = item.options ?? definition.scales?.[item.scale]?.options ?? [];
const question = options.length
  ? { type: "radiogroup", name: item.id, title: nl(item.text), isRequired: !item.optional, choices: options.map((option) => ({ value: option.key ?? option.value, text: nl(option.label) })) }
  : { type: "text", name: item.id, title: nl(item.text) };
const count = definition.sections.flatMap((section) => section.items).filter((entry) => !entry.show_if).length;
const survey = {
  title: nl(meta.title),
  firstPageIsStartPage: true,
  startSurveyText: "Start de scan",
  pages: [
    {
      name: "intro",
      elements: [
        {
          type: "html",
          name: "intro",
          html: `<p>${escape(nl(meta.description))}</p><p>± ${meta.minutes} minuten · ${count} vragen</p><p>Je antwoorden worden bewaard op dit apparaat, meteen na elke vraag. Je kunt stoppen en later verdergaan.</p>`,
        },
      ],
    },
    { name: "first", elements: [question] },
  ],
};

const files = {
  "/": [
    "text/html; charset=utf-8",
    `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="description" content="SurveyJS 2.5.38, for comparison"><title>SurveyJS</title>
<link href="/survey-core.fontless.min.css" type="text/css" rel="stylesheet">
<script type="text/javascript" src="/survey.core.min.js"></script>
<script type="text/javascript" src="/survey-js-ui.min.js"></script>
</head><body><div id="surveyContainer"></div><script src="/survey.js"></script></body></html>`,
  ],
  "/survey.js": [
    "text/javascript; charset=utf-8",
    `const survey = new Survey.Model(${JSON.stringify(survey)});\nsurvey.render(document.getElementById("surveyContainer"));\n`,
  ],
  "/survey-core.fontless.min.css": ["text/css; charset=utf-8", readFileSync(join(modules, "survey-core/survey-core.fontless.min.css"))],
  "/survey.core.min.js": ["text/javascript; charset=utf-8", readFileSync(join(modules, "survey-core/survey.core.min.js"))],
  "/survey-js-ui.min.js": ["text/javascript; charset=utf-8", readFileSync(join(modules, "survey-js-ui/survey-js-ui.min.js"))],
};

const encoded = Object.fromEntries(
  Object.entries(files).map(([path, [type, body]]) => {
    const data = Buffer.from(body);
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    });
    return [path, { type, data, br, gzip: gzipSync(data, { level: constants.Z_BEST_COMPRESSION }) }];
  }),
);

createServer((request, response) => {
  const file = encoded[new URL(request.url, "http://localhost").pathname];
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  const accepted = request.headers["accept-encoding"] ?? "";
  const [encoding, body] = /\bbr\b/.test(accepted) ? ["br", file.br] : /\bgzip\b/.test(accepted) ? ["gzip", file.gzip] : [null, file.data];
  response.writeHead(200, {
    "content-type": file.type,
    "cache-control": "no-cache",
    vary: "accept-encoding",
    ...(encoding ? { "content-encoding": encoding } : {}),
  });
  response.end(body);
}).listen(Number(port), "127.0.0.1", () => console.log(`SurveyJS page on http://127.0.0.1:${port}/`));
