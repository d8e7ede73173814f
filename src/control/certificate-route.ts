import type { FastifyInstance } from 'fastify'
import { GraphError } from '../graph/errors/graph-error.js'

export interface CertificateRouteOptions {
  /** The PEM the server presents; undefined when it serves plain HTTP. */
  certificate: string | undefined
}

/** `GET /ca.pem`: the certificate to trust (NODE_EXTRA_CA_CERTS, curl --cacert), when serving HTTPS. */
export async function certificateRoute(app: FastifyInstance, { certificate }: CertificateRouteOptions) {
  app.get('/ca.pem', async (_request, reply) => {
    if (certificate === undefined) throw GraphError.tlsOff()
    return reply.type('application/x-pem-file').send(certificate)
  })
}
