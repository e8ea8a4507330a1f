/**
 * `target` with the functions in `methods` in place of its own, and every other property
 * its own: functions bound to it, so that they act on the real object (a stream's
 * listeners, its fields), as the frame writer's stdout and the live view's keyboard need.
 */
export function withMethods<T extends object>(target: T, methods: Readonly<Partial<Record<keyof T, unknown>>>): T {
	return new Proxy(target, {
		get(object, property) {
			if (Object.hasOwn(methods, property)) return methods[property as keyof T];
			const value: unknown = Reflect.get(object, property, object);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(object) : value;
		},
	});
}
