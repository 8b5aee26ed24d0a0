/** Studio page (to be written). */
export default function StudioPage() {
  return <h1>Studio</h1>;
}
