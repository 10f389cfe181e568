/** The LLM layer: providers behind one interface, model choice, pricing. */
export * from './types.js';
export { LlmClient, createProvider, sessionRedactor, redactRequest, type TurnHandlers } from './client.js';
export { chooseModel, parseModelSpec, providerSettings, isConfigured, knownModels, noProviderMessage, probeOllama, DEFAULT_MODELS, DEFAULT_BASE_URLS, type ModelChoice, type TaskKind } from './models.js';
export { costOf, priceOf } from './pricing.js';
export { toLlmError, StreamCutError } from './errors.js';
export { retryingFetch, LlmTransportError } from './fetch.js';
