// Parses an AsyncAPI document with the official parser (external $refs resolved); prints a JSON object with the
// errors and warnings, and the channels with their resolved message payload schemas' data "required" lists.
import { Parser, fromFile } from "@asyncapi/parser";

const { document, diagnostics } = await fromFile(new Parser(), process.argv[2]).parse();
const serious = diagnostics.filter((d) => d.severity <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join(".")}`);
const channels = {};
for (const channel of document ? document.channels().all() : []) {
  channels[channel.address()] = channel.messages().all().map((m) => {
    const json = m.payload()?.json() ?? {};
    const payload = json.schema ?? json; // multi-format schemas wrap the JSON Schema
    const data = (payload.allOf ?? []).map((part) => part.properties?.data).filter(Boolean).at(-1); // the envelope's data is {}
    return { name: m.name(), dataRequired: data?.required ?? null };
  });
}
console.log(JSON.stringify({ parsed: Boolean(document), problems: serious, channels }));
