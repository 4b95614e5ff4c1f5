// Plain-language labels for the values the engine returns, so no enum value
// or internal ID ever reaches a person.
import type { RiskClass } from "../lib/ipc";

export const CLASS_LABEL: Record<RiskClass, string> = {
  prohibited: "Prohibited practice",
  high_risk: "High-risk AI system",
  transparency_only: "Transparency duties only",
  minimal_risk: "Minimal risk",
  gpai_model_only: "General-purpose AI model (model duties only)",
  out_of_scope: "Outside the AI Act",
  needs_review: "Not yet determined",
};

export const ROLE_LABEL: Record<string, string> = {
  provider: "Provider",
  deployer: "Deployer",
  importer: "Importer",
  distributor: "Distributor",
  authorised_representative: "Authorised representative",
  product_manufacturer: "Product manufacturer",
};

const formatter = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

export function euro(amount: number): string {
  return formatter.format(amount);
}
