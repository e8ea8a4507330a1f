// heap.mjs URL: every 60 s, V8's heap used before and after a forced full GC (HeapProfiler.collectGarbage)
const ws = new WebSocket(process.argv[2]);
let id = 0;
const pending = new Map();
const call = (method, params = {}) => new Promise(resolve => { pending.set(++id, resolve); ws.send(JSON.stringify({id, method, params})); });
ws.onmessage = ({data}) => { const m = JSON.parse(data); pending.get(m.id)?.(m.result); pending.delete(m.id); };
ws.onopen = async () => {
	for (;;) {
		const before = await call('Runtime.getHeapUsage');
		await call('HeapProfiler.collectGarbage');
		const after = await call('Runtime.getHeapUsage');
		console.log(`${new Date().toISOString().slice(11, 19)} heapUsed=${(before.usedSize / 1048576).toFixed(1)}MiB afterFullGC=${(after.usedSize / 1048576).toFixed(1)}MiB heapTotal=${(after.totalSize / 1048576).toFixed(1)}MiB`);
		await new Promise(resolve => setTimeout(resolve, 60_000));
	}
};
