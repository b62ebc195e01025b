// The ceiling for the HTTP benchmarks: a bare Fastify server with an empty GET
// route and a POST route echoing the JSON body it was sent, in its own process
// like the engine, on the same machine in the same run (bench/http.ts).
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/empty', async () => ({}));
app.post('/echo', async (request) => request.body);
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
