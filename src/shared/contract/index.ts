/**
 * The one API between the core and its clients (Electron window, browser, CLI): every feature's calls
 * and streams, merged. A name declared twice stops the app at start-up (and fails a test).
 */
import type { z } from 'zod';
import { analysisContract } from './analysis';
import { appContract } from './app';
import { artifactsContract } from './artifacts';
import { mergeFeatures } from './define';
import { historyContract } from './history';
import { kubernetesContract } from './kubernetes';
import { pipelinesContract } from './pipelines';
import { releasesContract } from './releases';
import { workspaceContract } from './workspace';

export type { AppInfo, ProgressEvent } from './app';
export type { WorkspaceChange } from './workspace';
export type { RunUpdate } from './pipelines';
export type { CallSpec, StreamSpec } from './define';

/** Every feature, in the order `--help` lists them. Adding a feature is one line here. */
export const FEATURES = [appContract, workspaceContract, historyContract, pipelinesContract, artifactsContract, releasesContract, analysisContract, kubernetesContract] as const;

const merged = mergeFeatures(FEATURES);
export const calls = merged.calls;
export const streams = merged.streams;

export type Calls = typeof calls;
export type CallName = keyof Calls & string;
/** What a caller passes (defaults may be left out). */
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
/** What a handler receives, after validation and defaults. */
export type ValidInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = Calls[N]['output'];

export type Streams = typeof streams;
export type StreamName = keyof Streams & string;
export type StreamInput<N extends StreamName> = z.input<Streams[N]['input']>;
export type ValidStreamInput<N extends StreamName> = z.output<Streams[N]['input']>;
export type StreamItem<N extends StreamName> = Streams[N]['item'];

export const CALL_NAMES = Object.keys(calls) as readonly CallName[];
export const STREAM_NAMES = Object.keys(streams) as readonly StreamName[];
export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
export const isStreamName = (name: unknown): name is StreamName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(streams, name);
