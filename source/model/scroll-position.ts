/** Where a scrolled list is: its first and last rows on screen (1-based) and how many rows it has. */
export type ScrollPosition = {
	readonly first: number;
	readonly last: number;
	readonly total: number;
};

/** Where a table of `total` rows showing `height` from `top` (0-based) is, or null when every row fits. */
export function scrollPosition(top: number, height: number, total: number): ScrollPosition | null {
	if (total <= height || height <= 0) return null;
	return {first: top + 1, last: Math.min(total, top + height), total};
}

/** The position in words ('rows 41-60 of 1408'), then shorter for short lines; the table's footer and the PID view's title both say it so. */
export const positionForms = ({first, last, total}: ScrollPosition) => [`rows ${first}-${last} of ${total}`, `${first}-${last} of ${total}`, `${first}-${last}/${total}`];

