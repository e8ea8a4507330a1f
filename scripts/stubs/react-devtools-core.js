// Ink imports react-devtools-core only when DEV=true; the published bundle never
// ships it (it is large and a dev tool), so that import resolves to this no-op.
const devtools = {
	initialize() {},
	connectToDevTools() {},
};

export default devtools;
