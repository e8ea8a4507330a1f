import {useStdin} from 'ink';
import {useEffect} from 'react';

/**
 * Hold the terminal in raw mode for as long as the live view is mounted. Ink counts the input
 * hooks that asked for raw mode and goes back to cooked mode (ICANON, ECHO, ISIG) when none does:
 * between the effects of a frame that changes screens (the table's hook let go, the PID view's or
 * the kill dialog's not yet taken), a key typed then was echoed onto the bottom row, which no frame
 * redraws, and Ctrl-C was the kernel's SIGINT instead of a key. Held here too, the count never
 * reaches 0 until the view unmounts.
 */
export function useRawMode(): void {
	const {setRawMode} = useStdin();
	useEffect(() => {
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [setRawMode]);
}
