// Reads a JSON array of Kubernetes objects on stdin; prints a JSON array of problems ("Kind/name: message").
// Schemas come from kubernetes-models (the Kubernetes OpenAPI) and @kubernetes-models/keda (KEDA's CRDs): types,
// required fields, enums and formats are checked; unknown fields are not (they have no strict mode).
import { readFileSync } from "node:fs";

const packages = { "keda.sh": "@kubernetes-models/keda/keda.sh" };

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const base = packages[group] ?? `kubernetes-models/${group ? group.replace(/\.k8s\.io$/, ".k8s.io") : ""}`;
  const path = group ? `${base}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  return (await import(path))[kind];
}

const problems = [];
for (const obj of JSON.parse(readFileSync(0, "utf8"))) {
  const id = `${obj.kind}/${obj.metadata?.name}`;
  let Model;
  try {
    Model = await modelFor(obj.apiVersion, obj.kind);
  } catch (e) {
    problems.push(`${id}: no schema for ${obj.apiVersion} ${obj.kind}`);
    continue;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    problems.push(`${id}: ${e.message}`);
  }
}
console.log(JSON.stringify(problems));
