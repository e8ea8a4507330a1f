/** Number parsing on a slice of a larger text, without slicing it out (the /proc parsers' hot path). */

/** Value of hex digits text[start, end); -1 when empty, any is not a hex digit, or too large to be exact. */
export function hexValue(text: string, start: number, end: number): number {
	if (start >= end) return -1;
	let value = 0;
	for (let i = start; i < end; i++) {
		const code = text.charCodeAt(i);
		let digit: number;
		if (code >= 48 && code <= 57) digit = code - 48;
		else if (code >= 65 && code <= 70) digit = code - 55;
		else if (code >= 97 && code <= 102) digit = code - 87;
		else return -1;
		value = value * 16 + digit;
	}

	// Past 2^53 two different inodes could compare equal: treat as malformed rather than guess.
	return value > Number.MAX_SAFE_INTEGER ? -1 : value;
}

/** Value of decimal digits text[start, end); -1 when empty, any is not a digit, or too large to be exact. */
export function decimalValue(text: string, start: number, end: number): number {
	if (start >= end) return -1;
	let value = 0;
	for (let i = start; i < end; i++) {
		const code = text.charCodeAt(i);
		if (code < 48 || code > 57) return -1;
		value = value * 10 + code - 48;
	}

	return value > Number.MAX_SAFE_INTEGER ? -1 : value;
}
