/** Experiments page (to be written). */
export default function ExperimentsPage() {
  return <h1>Experiments</h1>;
}
