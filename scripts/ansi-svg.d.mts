/** Types for scripts/ansi-svg.mjs (a plain script, so the build and npm scripts run it without tsx). */
export type Style = {
	readonly fg: string | null;
	readonly bg: string | null;
	readonly isBold: boolean;
	readonly isDim: boolean;
	readonly isItalic: boolean;
	readonly isUnderline: boolean;
	readonly isInverse: boolean;
};
export type Span = Style & {readonly text: string; readonly column: number; readonly width: number};

export const PALETTE: readonly string[];
export const DEFAULT_FG: string;
export const DEFAULT_BG: string;
export function color256(n: number): string;
export function applySgr(style: Style, parameters: string): Style;
export function parseAnsi(text: string): Span[][];
export function escapeXml(text: string): string;
export function spanColors(span: Span): {fg: string; bg: string | null};
export function renderSvg(
	text: string,
	options?: {readonly columns?: number; readonly rows?: number; readonly title?: string; readonly fontSize?: number},
): string;
